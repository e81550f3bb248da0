import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loggerOptions } from '../../src/platform/logger.js';
import { buildStaff, createTestApp, ENGINE, TEST_PASSWORD, type TestApp } from './harness.js';

/** Issue 2 §7: structured logs, request lines at a level that can be turned off, no personal data. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

function capture(level: string) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  const options = loggerOptions(level) as pino.LoggerOptions;
  return { lines, logger: pino(options, stream) };
}

describe(`logs [${ENGINE}]`, () => {
  it('at debug, logs each request as JSON without bodies, cookies or query strings', async () => {
    const { lines, logger } = capture('debug');
    const app = await buildApp({ ctx: t.ctx, loggerInstance: logger });
    const staff = await buildStaff(t, { roles: ['reception'], username: 'log.reader' });
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in?nationalId=1000000008',
      payload: { username: staff.username, password: TEST_PASSWORD },
    });
    const cookie = signIn.cookies.find((c) => c.name === 'sila_session')?.value as string;
    await app.inject({ method: 'GET', url: '/api/v1/auth/session', cookies: { sila_session: cookie } });
    await app.close();
    const all = lines.join('');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(all).toContain('"route":"/api/v1/auth/sign-in"');
    expect(all).not.toContain(TEST_PASSWORD);
    expect(all).not.toContain(cookie);
    expect(all).not.toContain('1000000008');
  });

  it('at info, request lines are off', async () => {
    const { lines, logger } = capture('info');
    const app = await buildApp({ ctx: t.ctx, loggerInstance: logger });
    await app.inject({ method: 'GET', url: '/healthz' });
    await app.close();
    expect(lines.filter((l) => l.includes('"msg":"request"'))).toEqual([]);
  });

  it('redacts personal fields wherever a log call carries them', () => {
    const { lines, logger } = capture('info');
    logger.info(
      { body: { nationalId: '1000000008', mobile: '+966551234567', password: 'secret words here', name: 'فاطمة' } },
      'something happened',
    );
    const entry = JSON.parse(lines[0] as string);
    expect(entry.body).toEqual({ nationalId: '[redacted]', mobile: '[redacted]', password: '[redacted]', name: '[redacted]' });
    const dbError = Object.assign(new Error('insert or update violates foreign key constraint'), {
      detail: 'Key (head_name_ar)=(فاطمة) is not present',
    });
    logger.error({ err: dbError }, 'request failed');
    expect(lines[1]).not.toContain('فاطمة');
    expect(JSON.parse(lines[1] as string).err.message).toContain('foreign key');
  });
});
