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

export function parseKeyList(value: string, name: string): Key[] {
  const keys = value.split(',').map((entry) => {
    const [id, b64] = entry.trim().split(':');
    const secret = Buffer.from(b64 ?? '', 'base64');
    if (!id || secret.length !== 32) throw new Error(`${name}: key "${id ?? ''}" must be keyId:base64 of exactly 32 bytes`);
    return { id, secret };
  });
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new Error(`${name}: key ids must be unique`);
  return keys;
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

  private get newest(): Key {
    const key = this.keys[0];
    if (!key) throw new Error('No encryption key');
    return key;
  }

  encryptBytes(plain: Buffer, associatedData?: string): string {
    const key = this.newest;
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

  encrypt(plain: string, associatedData?: string): string {
    return this.encryptBytes(Buffer.from(plain, 'utf8'), associatedData);
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

  /** Index values under every key, for lookups while a rotation is under way. */
  candidates(value: string): string[] {
    return this.keys.map((key) => `${key.id}:${createHmac('sha256', key.secret).update(value).digest('hex')}`);
  }
}
