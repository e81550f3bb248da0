import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, isDebugRequested, loadConfig } from '../../src/platform/config.js';
import { generateKey } from '../../src/platform/crypto/keyring.js';
import { loadKeys } from '../../src/platform/crypto/keys.js';

const KEYS = { SILA_ENCRYPTION_KEY: generateKey(), SILA_INDEX_KEY: generateKey() };

/** The problems a bad environment is refused with (ConfigError names each variable). */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe('configuration (ARCHITECTURE.md "Configuration")', () => {
  it('needs nothing in embedded mode: every variable has a default', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.database).toEqual({ engine: 'sqlite', file: path.join(path.resolve('./data'), 'sila.db') });
    expect(config.logLevel).toBe('info');
    expect(config.trustProxy).toBe(false);
    expect(config.publicUrl).toBeUndefined();
    expect(config.encryptionKey).toBeUndefined();
    expect(config.indexKey).toBeUndefined();
    expect(config.transports).toEqual({
      smtpUrl: undefined,
      smsGatewayUrl: undefined,
      smsGatewayToken: undefined,
      whatsappToken: undefined,
      whatsappPhoneNumberId: undefined,
    });
  });

  it('reads every documented variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      SILA_DATA_DIR: '/var/lib/sila',
      SILA_PUBLIC_URL: 'https://sila.example.org',
      SILA_TRUST_PROXY: '1',
      LOG_LEVEL: 'warn',
      SMTP_URL: 'smtps://user:pass@mail.example.org',
      SMS_GATEWAY_URL: 'https://sms.example.org/send',
      SMS_GATEWAY_TOKEN: 'token',
      WHATSAPP_TOKEN: 'wa',
      WHATSAPP_PHONE_NUMBER_ID: '123',
      WHATSAPP_APP_SECRET: '0123456789abcdef0123456789abcdef',
      WHATSAPP_VERIFY_TOKEN: 'verify-token-0123',
      SMS_REPORT_TOKEN: 'sms-report-token-0123456789',
      ...KEYS,
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/sila',
      database: { engine: 'sqlite', file: '/var/lib/sila/sila.db' },
      publicUrl: 'https://sila.example.org',
      trustProxy: 1,
      logLevel: 'warn',
      encryptionKey: KEYS.SILA_ENCRYPTION_KEY,
      indexKey: KEYS.SILA_INDEX_KEY,
      transports: {
        smtpUrl: 'smtps://user:pass@mail.example.org',
        smsGatewayUrl: 'https://sms.example.org/send',
        smsGatewayToken: 'token',
        whatsappToken: 'wa',
        whatsappPhoneNumberId: '123',
        whatsappAppSecret: '0123456789abcdef0123456789abcdef',
        whatsappVerifyToken: 'verify-token-0123',
        smsReportToken: 'sms-report-token-0123456789',
      },
    });
  });

  it('refuses delivery-report secrets too short to be secrets (issue 20 §5)', () => {
    const names = (env: Record<string, string>) => problemsOf(env).map((p) => p.split(':')[0]);
    expect(names({ WHATSAPP_APP_SECRET: 'short' })).toEqual(['WHATSAPP_APP_SECRET']);
    expect(names({ WHATSAPP_VERIFY_TOKEN: 'short' })).toEqual(['WHATSAPP_VERIFY_TOKEN']);
    expect(names({ SMS_REPORT_TOKEN: 'short-token' })).toEqual(['SMS_REPORT_TOKEN']);
  });

  it('treats a blank variable as unset', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '', LOG_LEVEL: '', SILA_TRUST_PROXY: '' });
    expect(config.port).toBe(3000);
    expect(config.database.engine).toBe('sqlite');
    expect(config.logLevel).toBe('info');
  });

  it('takes sqlite: URLs as a file path, absolute or relative to the working directory', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:/srv/sila/main.db' }).database).toEqual({ engine: 'sqlite', file: '/srv/sila/main.db' });
    expect(loadConfig({ DATABASE_URL: 'sqlite:data/other.db' }).database).toEqual({
      engine: 'sqlite',
      file: path.resolve('data/other.db'),
    });
  });

  it('takes postgres:// and postgresql:// URLs when both keys are given', () => {
    for (const url of ['postgres://sila@db.internal/sila', 'postgresql://sila:secret@127.0.0.1:5432/sila']) {
      expect(loadConfig({ DATABASE_URL: url, ...KEYS }).database).toEqual({ engine: 'postgres', url });
    }
  });

  it('refuses PostgreSQL without both keys (it never generates them)', () => {
    const url = 'postgres://sila@db.internal/sila';
    const envs: Record<string, string>[] = [
      { DATABASE_URL: url },
      { DATABASE_URL: url, SILA_ENCRYPTION_KEY: KEYS.SILA_ENCRYPTION_KEY },
      { DATABASE_URL: url, SILA_INDEX_KEY: KEYS.SILA_INDEX_KEY },
    ];
    for (const env of envs) {
      const problems = problemsOf(env);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain('SILA_ENCRYPTION_KEY');
      expect(problems[0]).toContain('SILA_INDEX_KEY');
    }
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '0'],
    ['PORT', '70000'],
    ['PORT', '80.5'],
    ['DATABASE_URL', 'mysql://x'],
    ['DATABASE_URL', '/var/lib/sila.db'],
    ['SILA_PUBLIC_URL', 'sila.example.org'],
    ['SILA_TRUST_PROXY', 'sometimes'],
    ['LOG_LEVEL', 'loud'],
    ['SILA_ENCRYPTION_KEY', 'not-a-key'],
    ['SILA_INDEX_KEY', 'k1:abc,,k2:def'],
    ['SILA_ENCRYPTION_KEY', 'k1:short'],
    ['SILA_ENCRYPTION_KEY', `k1:${randomBytes(16).toString('base64')}`],
    ['SILA_INDEX_KEY', `k1:${randomBytes(32).toString('base64')},k1:${randomBytes(32).toString('base64')}`],
    ['SMTP_URL', 'http://mail.example.org'],
    ['SMS_GATEWAY_URL', 'not a url'],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems.some((p) => p.startsWith(`${name}:`))).toBe(true);
    const error = (() => {
      try {
        loadConfig({ [name]: value });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(/^Invalid configuration:/);
    expect(error?.message).toContain(name);
  });

  it('names every bad variable at once', () => {
    const problems = problemsOf({ PORT: 'abc', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT']);
  });

  it('explains what a valid value looks like', () => {
    expect(problemsOf({ DATABASE_URL: 'mysql://x' })[0]).toContain('must start with postgres://, postgresql:// or sqlite:');
    expect(problemsOf({ SILA_INDEX_KEY: 'oops' })[0]).toContain('keyId:base64');
  });

  it('reads SILA_TRUST_PROXY as a switch, a hop count or a list of addresses', () => {
    expect(loadConfig({ SILA_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ SILA_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ SILA_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ SILA_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toBe('10.0.0.0/8, 127.0.0.1');
  });

  it('accepts a comma-separated key list, newest first', () => {
    const list = `${generateKey()},${generateKey()}`;
    expect(loadConfig({ SILA_ENCRYPTION_KEY: list }).encryptionKey).toBe(list);
  });

  it('asks for the transport settings that go together', () => {
    expect(problemsOf({ SMS_GATEWAY_URL: 'https://sms.example.org' })).toEqual(['SMS_GATEWAY_TOKEN is required with SMS_GATEWAY_URL']);
    expect(problemsOf({ WHATSAPP_TOKEN: 'wa' })[0]).toContain('WHATSAPP_PHONE_NUMBER_ID');
    expect(problemsOf({ WHATSAPP_PHONE_NUMBER_ID: '123' })[0]).toContain('WHATSAPP_TOKEN');
  });

  it('refuses a key of the right shape but the wrong length in one line naming the variable and the key', () => {
    const short = `k1:${randomBytes(16).toString('base64')}`;
    expect(problemsOf({ SILA_ENCRYPTION_KEY: short })).toEqual([
      'SILA_ENCRYPTION_KEY: key "k1" must be keyId:base64 of exactly 32 bytes (it has 16)',
    ]);
    expect(problemsOf({ SILA_INDEX_KEY: `${generateKey()},${short}` })[0]).toMatch(/^SILA_INDEX_KEY: key "k1"/);
    const error = (() => {
      try {
        loadConfig({ SILA_ENCRYPTION_KEY: short, PORT: 'abc' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).not.toContain('\n');
    expect(error?.message).toMatch(
      /^Invalid configuration: .*PORT.*; .*SILA_ENCRYPTION_KEY|^Invalid configuration: .*SILA_ENCRYPTION_KEY.*; .*PORT/,
    );
  });

  it('prints stacks only when SILA_DEBUG asks', () => {
    expect(isDebugRequested({})).toBe(false);
    expect(isDebugRequested({ SILA_DEBUG: '1' })).toBe(true);
    expect(isDebugRequested({ SILA_DEBUG: 'true' })).toBe(true);
    expect(isDebugRequested({ SILA_DEBUG: '0' })).toBe(false);
  });
});

describe('the data directory’s key file (embedded mode)', () => {
  const dataDir = () => mkdtempSync(path.join(tmpdir(), 'sila-keys-unit-'));

  it('is made 0600 with a new database, and tightened to 0600 when looser', () => {
    const dir = dataDir();
    try {
      const config = loadConfig({ SILA_DATA_DIR: dir });
      loadKeys(config);
      const file = path.join(dir, 'keys.env');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      chmodSync(file, 0o644);
      loadKeys(config, () => {}, { mayGenerate: false });
      expect(statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is never made for an existing database, and a malformed key in it names the variable and the file', () => {
    const dir = dataDir();
    try {
      const config = loadConfig({ SILA_DATA_DIR: dir });
      expect(() => loadKeys(config, () => {}, { mayGenerate: false })).toThrow(
        /^Invalid configuration: SILA_ENCRYPTION_KEY, SILA_INDEX_KEY: not set and there is no key file .+, but the database exists/,
      );
      expect(existsSync(path.join(dir, 'keys.env'))).toBe(false);
      const file = path.join(dir, 'keys.env');
      writeFileSync(file, `SILA_ENCRYPTION_KEY=k1:${randomBytes(16).toString('base64')}\nSILA_INDEX_KEY=${generateKey()}\n`, {
        mode: 0o600,
      });
      expect(() => loadKeys(config)).toThrow(ConfigError);
      expect(() => loadKeys(config)).toThrow(
        `SILA_ENCRYPTION_KEY in ${file}: key "k1" must be keyId:base64 of exactly 32 bytes (it has 16)`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
