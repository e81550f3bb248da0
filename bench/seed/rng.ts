/**
 * Deterministic randomness for the bench generator: every record is a pure function of (--seed, its
 * index), so a family can be rebuilt when a later pass (requests, complaints) needs its data again
 * instead of holding a million families in memory.
 */

/** 32-bit mix (murmur3 finaliser). */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function hash2(a: number, b: number): number {
  return mix32(Math.imul(mix32(a), 0x9e3779b1) ^ mix32(b + 0x7f4a7c15));
}

/** A uniform number in [0, 1) from two integers, without state. */
export function unit(a: number, b: number): number {
  return hash2(a, b) / 4294967296;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** sfc32: small, fast, good enough for test data. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    this.a = mix32(seed ^ 0x9e3779b9);
    this.b = mix32(stream ^ 0x243f6a88);
    this.c = mix32(seed + stream * 31 + 0x85a308d3);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Next 32-bit unsigned integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  float(): number {
    return this.next() / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(table: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of table) total += w;
    let x = this.float() * total;
    for (const [v, w] of table) {
      x -= w;
      if (x < 0) return v;
    }
    return (table.at(-1) as readonly [T, number])[0];
  }

  hex(chars: number): string {
    let out = '';
    while (out.length < chars) {
      const t = this.next();
      out += `${HEX[t >>> 24]}${HEX[(t >>> 16) & 255]}${HEX[(t >>> 8) & 255]}${HEX[t & 255]}`;
    }
    return out.length === chars ? out : out.slice(0, chars);
  }

  /** UUIDv7 (RFC 9562) at `ms`, its random bits from this generator: time-ordered like the app's ids. */
  uuidv7(ms: number): string {
    const time = Math.floor(ms).toString(16).padStart(12, '0');
    const r = this.hex(20);
    const variant = ((Number.parseInt(r.charAt(3), 16) & 0x3) | 0x8).toString(16);
    return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${r.slice(0, 3)}-${variant}${r.slice(4, 7)}-${r.slice(7, 19)}`;
  }
}
