import { describe, expect, it } from 'vitest';
import { pausedSpans } from '../../src/web/requests/clock-spans.js';
import { extend, hasSignature, MIN_INK_LENGTH, pointIn, strokeLength } from '../../src/web/ui/signature-strokes.js';

describe('signature pad strokes (C4)', () => {
  it('measures ink along each stroke', () => {
    expect(
      strokeLength([
        { x: 0, y: 0 },
        { x: 3, y: 4 },
        { x: 3, y: 10 },
      ]),
    ).toBe(11);
    expect(strokeLength([{ x: 5, y: 5 }])).toBe(0);
  });

  it('C4: a tap or a short slip is not a signature; a drawn name is', () => {
    expect(hasSignature([])).toBe(false);
    expect(hasSignature([[{ x: 10, y: 10 }]])).toBe(false);
    expect(
      hasSignature([
        [
          { x: 0, y: 0 },
          { x: MIN_INK_LENGTH - 1, y: 0 },
        ],
      ]),
    ).toBe(false);
    const zigzag = [
      [
        { x: 10, y: 50 },
        { x: 40, y: 20 },
        { x: 70, y: 60 },
      ],
      [
        { x: 90, y: 40 },
        { x: 120, y: 40 },
      ],
    ];
    expect(hasSignature(zigzag)).toBe(true);
  });

  it('takes points relative to the pad and clamps a finger that slides off its edge', () => {
    const box = { left: 100, top: 50, width: 300, height: 200 };
    expect(pointIn(box, 150, 80)).toEqual({ x: 50, y: 30 });
    expect(pointIn(box, 20, 400)).toEqual({ x: 0, y: 200 });
    expect(pointIn(box, 999, 10)).toEqual({ x: 300, y: 0 });
  });

  it('drops repeated points (pointer events fire without moving)', () => {
    const stroke = extend([{ x: 1, y: 1 }], { x: 1, y: 1 });
    expect(stroke).toHaveLength(1);
    expect(extend(stroke, { x: 2, y: 1 })).toHaveLength(2);
  });
});

describe('paused spans of a request clock (C6)', () => {
  it('C6: pairs information requested with information received, an open pause last', () => {
    const history = [
      { event: 'create', at: '2026-03-01T08:00:00.000Z' },
      { event: 'submit', at: '2026-03-02T08:00:00.000Z' },
      { event: 'request-information', at: '2026-03-03T08:00:00.000Z' },
      { event: 'information-received', at: '2026-03-05T08:00:00.000Z' },
      { event: 'request-information', at: '2026-03-08T08:00:00.000Z' },
    ];
    expect(pausedSpans(history)).toEqual([
      { from: '2026-03-03T08:00:00.000Z', to: '2026-03-05T08:00:00.000Z' },
      { from: '2026-03-08T08:00:00.000Z', to: null },
    ]);
  });

  it('has no spans when the clock never paused', () => {
    expect(pausedSpans([{ event: 'submit', at: '2026-03-02T08:00:00.000Z' }])).toEqual([]);
  });
});
