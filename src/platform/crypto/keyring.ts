import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Keys as ARCHITECTURE.md gives them: `keyId:base64` (32 bytes), comma-separated, newest first.
 * Every ciphertext and index value carries its key id, so old data stays readable after a new key
 * is put first, until `sila keys rotate` re-encrypts it.
 */
export interface Key {
  id: string;
  secret: Buffer;
}

/** What is wrong with a key list, in words naming the key (undefined when it is well formed). */
export function keyListProblem(value: string): string | undefined {
  const ids = new Set<string>();
  for (const entry of value.split(',')) {
    const [id, b64, ...extra] = entry.trim().split(':');
    if (!id) return 'every key must be keyId:base64 (a key id is missing)';
    const length = Buffer.from(b64 ?? '', 'base64').length;
    if (extra.length || length !== 32) return `key "${id}" must be keyId:base64 of exactly 32 bytes (it has ${length})`;
    if (ids.has(id)) return 'key ids must be unique';
    ids.add(id);
  }
  return undefined;
}

export function parseKeyList(value: string, name: string): Key[] {
  const problem = keyListProblem(value);
  if (problem) throw new Error(`${name}: ${problem}`);
  return value.split(',').map((entry) => {
    const [id, b64] = entry.trim().split(':');
    return { id: id as string, secret: Buffer.from(b64 as string, 'base64') };
  });
}

export function generateKey(): string {
  const id = `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}${randomBytes(2).toString('hex')}`;
  return `${id}:${randomBytes(32).toString('base64')}`;
}

const PREFIX = 'v1';

/** AES-256-GCM with a key id. Text form: `v1.keyId.iv.ciphertext+tag` in base64url. */
export class Encryptor {
  private readonly byId: Map<string, Key>;
  constructor(private readonly keys: Key[]) {
    this.byId = new Map(keys.map((k) => [k.id, k]));
  }

  get currentKeyId(): string {
    return this.newest.id;
  }

  /** Every configured key id, newest first. */
  get keyIds(): string[] {
    return this.keys.map((k) => k.id);
  }

  private get newest(): Key {
    const key = this.keys[0];
    if (!key) throw new Error('No encryption key');
    return key;
  }

  encryptBytes(plain: Buffer, associatedData?: string, keyId?: string): string {
    const key = keyId === undefined ? this.newest : this.byId.get(keyId);
    if (!key) throw new Error(`No encryption key ${keyId}`);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key.secret, iv);
    if (associatedData) cipher.setAAD(Buffer.from(associatedData));
    const body = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return [PREFIX, key.id, iv.toString('base64url'), body.toString('base64url')].join('.');
  }

  decryptBytes(sealed: string, associatedData?: string): Buffer {
    const [prefix, keyId, ivText, bodyText] = sealed.split('.');
    const key = keyId ? this.byId.get(keyId) : undefined;
    if (prefix !== PREFIX || !key || !ivText || !bodyText) throw new Error('Ciphertext with an unknown key or format');
    const body = Buffer.from(bodyText, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key.secret, Buffer.from(ivText, 'base64url'));
    if (associatedData) decipher.setAAD(Buffer.from(associatedData));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]);
  }

  /** Under the newest key, or under `keyId` (a key sentinel is made under each key it checks). */
  encrypt(plain: string, associatedData?: string, keyId?: string): string {
    return this.encryptBytes(Buffer.from(plain, 'utf8'), associatedData, keyId);
  }

  decrypt(sealed: string, associatedData?: string): string {
    return this.decryptBytes(sealed, associatedData).toString('utf8');
  }

  /** Key id a ciphertext was made with (to find rows that need re-encryption). */
  static keyIdOf(sealed: string): string | undefined {
    return sealed.split('.')[1];
  }
}

/** Keyed hash (HMAC-SHA256) for exact lookup of encrypted values: `keyId:hex`. */
export class Indexer {
  constructor(private readonly keys: Key[]) {}

  /** Index under the newest key (what is stored). */
  index(value: string): string {
    const key = this.keys[0];
    if (!key) throw new Error('No index key');
    return `${key.id}:${createHmac('sha256', key.secret).update(value).digest('hex')}`;
  }

  /** Every configured key id, newest first. */
  get keyIds(): string[] {
    return this.keys.map((k) => k.id);
  }

  /** Index under the key `keyId`; undefined when no such key is configured. */
  indexWith(keyId: string, value: string): string | undefined {
    const key = this.keys.find((k) => k.id === keyId);
    return key && `${key.id}:${createHmac('sha256', key.secret).update(value).digest('hex')}`;
  }

  /** Key id an index value was made with. */
  static keyIdOf(indexed: string): string | undefined {
    return indexed.includes(':') ? indexed.slice(0, indexed.indexOf(':')) : undefined;
  }

  /** Index values under every key, for lookups while a rotation is under way. */
  candidates(value: string): string[] {
    return this.keys.map((key) => `${key.id}:${createHmac('sha256', key.secret).update(value).digest('hex')}`);
  }
}
