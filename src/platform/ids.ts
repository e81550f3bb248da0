import { randomBytes, randomFillSync } from 'node:crypto';

/** Random bytes for 256 ids, drawn at once: one call into the CSPRNG per id was ~2 % of a busy list's CPU (issue 7). */
const POOL = Buffer.allocUnsafe(16 * 256);
let poolOffset = POOL.length;

/** UUIDv7 (RFC 9562): time-ordered, so primary-key indexes stay append-mostly. */
export function uuidv7(now: number = Date.now()): string {
  if (poolOffset === POOL.length) {
    randomFillSync(POOL);
    poolOffset = 0;
  }
  const bytes = POOL.subarray(poolOffset, poolOffset + 16);
  poolOffset += 16;
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A random secret for cookies and tokens: 256 bits, URL-safe. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
