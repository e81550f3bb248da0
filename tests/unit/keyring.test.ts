import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Encryptor, generateKey, Indexer, type Key, parseKeyList } from '../../src/platform/crypto/keyring.js';

function key(id: string): Key {
  return { id, secret: randomBytes(32) };
}

const PLAIN = 'رقم الهوية 1012345678 — "quoted"\nline two 🌙';

describe('key lists (ARCHITECTURE.md "Keys")', () => {
  it('parses keyId:base64 entries, newest first', () => {
    const [a, b] = [generateKey(), generateKey()];
    const keys = parseKeyList(`${a}, ${b}`, 'SILA_ENCRYPTION_KEY');
    expect(keys.map((k) => k.id)).toEqual([a.split(':')[0], b.split(':')[0]]);
    expect(keys.every((k) => k.secret.length === 32)).toBe(true);
  });

  it('generates keys of 32 random bytes with distinct ids', () => {
    const [a, b] = [generateKey(), generateKey()];
    expect(a).toMatch(/^k\d{8}[0-9a-f]{4}:[A-Za-z0-9+/=]+$/);
    expect(parseKeyList(a, 'X')[0]?.secret).toHaveLength(32);
    expect(a).not.toBe(b);
  });

  it('refuses short keys, missing ids and duplicate ids, naming the variable', () => {
    const short = `k1:${randomBytes(16).toString('base64')}`;
    expect(() => parseKeyList(short, 'SILA_INDEX_KEY')).toThrow(/SILA_INDEX_KEY: key "k1" must be keyId:base64 of exactly 32 bytes/);
    expect(() => parseKeyList(`:${randomBytes(32).toString('base64')}`, 'SILA_INDEX_KEY')).toThrow(/SILA_INDEX_KEY/);
    const secret = randomBytes(32).toString('base64');
    expect(() => parseKeyList(`k1:${secret},k1:${secret}`, 'SILA_ENCRYPTION_KEY')).toThrow(/key ids must be unique/);
  });
});

describe('Encryptor (AES-256-GCM with a key id)', () => {
  it('round-trips text and bytes', () => {
    const encryptor = new Encryptor([key('k1')]);
    expect(encryptor.decrypt(encryptor.encrypt(PLAIN))).toBe(PLAIN);
    const bytes = randomBytes(1000);
    expect(encryptor.decryptBytes(encryptor.encryptBytes(bytes)).equals(bytes)).toBe(true);
    expect(encryptor.decrypt(encryptor.encrypt(''))).toBe('');
  });

  it('never gives the same ciphertext twice, and never contains the plain text', () => {
    const encryptor = new Encryptor([key('k1')]);
    const a = encryptor.encrypt('1012345678');
    const b = encryptor.encrypt('1012345678');
    expect(a).not.toBe(b);
    expect(a).not.toContain('1012345678');
  });

  it('carries the key id in every ciphertext', () => {
    const encryptor = new Encryptor([key('k2026a'), key('k2025z')]);
    const sealed = encryptor.encrypt(PLAIN);
    expect(sealed.split('.')[0]).toBe('v1');
    expect(Encryptor.keyIdOf(sealed)).toBe('k2026a');
    expect(encryptor.currentKeyId).toBe('k2026a');
  });

  it('fails with the wrong key, even under the same key id', () => {
    const sealed = new Encryptor([key('k1')]).encrypt(PLAIN);
    expect(() => new Encryptor([key('k1')]).decrypt(sealed)).toThrow();
    expect(() => new Encryptor([key('k2')]).decrypt(sealed)).toThrow(/unknown key/);
  });

  it('fails when the ciphertext or its associated data was changed', () => {
    const encryptor = new Encryptor([key('k1')]);
    const sealed = encryptor.encrypt(PLAIN, 'totp:user-1');
    expect(encryptor.decrypt(sealed, 'totp:user-1')).toBe(PLAIN);
    expect(() => encryptor.decrypt(sealed, 'totp:user-2')).toThrow();
    expect(() => encryptor.decrypt(sealed)).toThrow();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3] as string, 'base64url');
    body[0] = (body[0] as number) ^ 1;
    expect(() => encryptor.decrypt([parts[0], parts[1], parts[2], body.toString('base64url')].join('.'), 'totp:user-1')).toThrow();
    expect(() => encryptor.decrypt('v2.k1.aaaa.bbbb')).toThrow(/unknown key or format/);
    expect(() => encryptor.decrypt('garbage')).toThrow();
  });

  it('rotation: with a new key put first, old ciphertexts still decrypt and new ones use the new key', () => {
    const old = key('k-old');
    const fresh = key('k-new');
    const before = new Encryptor([old]).encrypt(PLAIN);
    const rotating = new Encryptor([fresh, old]);
    expect(rotating.decrypt(before)).toBe(PLAIN);
    const after = rotating.encrypt(PLAIN);
    expect(Encryptor.keyIdOf(after)).toBe('k-new');
    // Once re-encrypted, the old key can be dropped; what it sealed no longer opens.
    const rotated = new Encryptor([fresh]);
    expect(rotated.decrypt(after)).toBe(PLAIN);
    expect(() => rotated.decrypt(before)).toThrow();
  });

  it('refuses to work without a key', () => {
    expect(() => new Encryptor([]).encrypt(PLAIN)).toThrow(/No encryption key/);
  });
});

describe('Indexer (keyed hash for exact lookup)', () => {
  it('is deterministic, keyed and carries the key id', () => {
    const k = key('idx1');
    const indexer = new Indexer([k]);
    const value = indexer.index('1012345678');
    expect(value).toMatch(/^idx1:[0-9a-f]{64}$/);
    expect(new Indexer([k]).index('1012345678')).toBe(value);
    expect(indexer.index('1012345679')).not.toBe(value);
    expect(new Indexer([key('idx1')]).index('1012345678')).not.toBe(value);
    expect(value).not.toContain('1012345678');
  });

  it('indexes under the newest key and offers candidates under every key during a rotation', () => {
    const old = key('idx-old');
    const fresh = key('idx-new');
    const stored = new Indexer([old]).index('1012345678');
    const rotating = new Indexer([fresh, old]);
    expect(rotating.index('1012345678')).toMatch(/^idx-new:/);
    const candidates = rotating.candidates('1012345678');
    expect(candidates).toHaveLength(2);
    expect(candidates[0]).toBe(rotating.index('1012345678'));
    expect(candidates[1]).toBe(stored);
  });

  it('refuses to work without a key', () => {
    expect(() => new Indexer([]).index('x')).toThrow(/No index key/);
  });
});
