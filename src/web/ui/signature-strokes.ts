/**
 * What a signature pad holds (C4): strokes in CSS pixels, independent of the screen's pixel
 * density, so the drawing survives a resize and a redraw. Pure: tested without a browser.
 */
export interface Point {
  x: number;
  y: number;
}

export type Stroke = Point[];

/** A stroke shorter than this (in CSS pixels of ink) is a tap or a slip, not a signature. */
export const MIN_INK_LENGTH = 40;

export function strokeLength(stroke: Stroke): number {
  let length = 0;
  for (let index = 1; index < stroke.length; index += 1) {
    const a = stroke[index - 1] as Point;
    const b = stroke[index] as Point;
    length += Math.hypot(b.x - a.x, b.y - a.y);
  }
  return length;
}

/** True when there is enough ink to count as a signature (a dot or a short slip does not). */
export function hasSignature(strokes: readonly Stroke[]): boolean {
  return strokes.reduce((total, stroke) => total + strokeLength(stroke), 0) >= MIN_INK_LENGTH;
}

/** A point inside the pad, clamped to its box: a finger that slides off the edge draws along it. */
export function pointIn(box: { left: number; top: number; width: number; height: number }, clientX: number, clientY: number): Point {
  const x = Math.min(Math.max(clientX - box.left, 0), box.width);
  const y = Math.min(Math.max(clientY - box.top, 0), box.height);
  return { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 };
}

/** Adds a point unless it repeats the last one (pointer events fire without moving). */
export function extend(stroke: Stroke, point: Point): Stroke {
  const last = stroke[stroke.length - 1];
  if (last && last.x === point.x && last.y === point.y) return stroke;
  return [...stroke, point];
}
