import { createHash } from 'node:crypto';

/**
 * SHA-256 in hex of UTF-8 text or bytes: what attestations (C4), frozen minutes (D2) and stored files
 * are bound to. Kept out of domain/ because node:crypto is not in the browser.
 */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
