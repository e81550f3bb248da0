import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/platform/ids.js';

describe('uuidv7', () => {
  it('carries the millisecond, version 7 and the RFC 9562 variant', () => {
    const now = Date.parse('2026-11-26T05:00:00.123Z');
    const id = uuidv7(now);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16)).toBe(now);
  });

  it('stays unique and random across refills of its pool of random bytes', () => {
    const now = Date.now();
    const ids = Array.from({ length: 2000 }, () => uuidv7(now));
    expect(new Set(ids).size).toBe(2000);
    // The random tails differ in every position: nothing of one id's bytes is reused by the next.
    const tails = new Set(ids.map((id) => id.slice(-12)));
    expect(tails.size).toBe(2000);
  });

  it('sorts by time', () => {
    const ids = [3, 1, 2].map((n) => uuidv7(1_700_000_000_000 + n));
    expect([...ids].sort()).toEqual([ids[1], ids[2], ids[0]]);
  });
});
