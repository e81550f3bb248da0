import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publicTimeline } from '../../src/domain/complaint-steps.js';
import { encodeTrackingCode, formatTrackingCode, newTrackingCode, normaliseTrackingCode } from '../../src/domain/tracking-code.js';

/** Issue 6 §3: tracking codes are 16 Crockford base32 characters carrying 80 random bits. */
describe('tracking codes', () => {
  it('encode 80 bits as 16 Crockford characters, most significant first', () => {
    expect(encodeTrackingCode(new Uint8Array(10))).toBe('0000000000000000');
    expect(encodeTrackingCode(new Uint8Array(10).fill(0xff))).toBe('ZZZZZZZZZZZZZZZZ');
    expect(encodeTrackingCode(Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]))).toBe('0000000000000001');
    expect(encodeTrackingCode(Uint8Array.from([0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toBe('1000000000000000');
    expect(() => encodeTrackingCode(new Uint8Array(8))).toThrow();
  });

  it('different bytes give different codes (the encoding loses nothing)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), fc.uint8Array({ minLength: 10, maxLength: 10 }), (a, b) => {
        const same = a.every((v, i) => v === b[i]);
        expect(encodeTrackingCode(a) === encodeTrackingCode(b)).toBe(same);
      }),
    );
  });

  it('new codes use only the alphabet and read back unchanged', () => {
    for (let i = 0; i < 1000; i += 1) {
      const code = newTrackingCode();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
      expect(normaliseTrackingCode(code)).toBe(code);
    }
  });

  it('typed input: any case, spaces, dashes and bidi marks; I and L read as 1, O as 0', () => {
    expect(normaliseTrackingCode(' k7q2-m9xd 4hlr-zt6b ')).toBe('K7Q2M9XD4H1RZT6B');
    expect(normaliseTrackingCode('\u2066K7Q2-M9XD-4HIR-ZT6B\u2069')).toBe('K7Q2M9XD4H1RZT6B');
    expect(normaliseTrackingCode('O7Q2M9XD4H1RZT6B')).toBe('07Q2M9XD4H1RZT6B');
  });

  it('malformed input is no code: wrong length, U, punctuation, over 64 characters', () => {
    for (const bad of ['', 'K7Q2M9XD4H1RZT6', 'K7Q2M9XD4H1RZT6BB', 'U7Q2M9XD4H1RZT6B', 'K7Q2M9XD4H1RZT6!', 'K'.repeat(65)])
      expect(normaliseTrackingCode(bad)).toBeNull();
  });

  it('formats in four groups of four', () => {
    expect(formatTrackingCode('K7Q2M9XD4H1RZT6B')).toBe('K7Q2-M9XD-4H1R-ZT6B');
  });
});

describe('public timeline (issue 6 §3)', () => {
  it('shows each public step once, at first reach, in the flow’s order when instants tie', () => {
    const at = '2026-03-01T08:00:00.000Z';
    expect(
      publicTimeline([
        { step: 'acknowledged', at },
        { step: 'received', at },
        { step: 'assigned', at: '2026-03-02T08:00:00.000Z' },
        { step: 'assessed', at: '2026-03-01T09:00:00.000Z' },
        { step: 'response-decided', at: '2026-03-03T08:00:00.000Z' },
      ]),
    ).toEqual([
      { step: 'received', at },
      { step: 'acknowledged', at },
      { step: 'in-progress', at: '2026-03-01T09:00:00.000Z' },
    ]);
  });
});
