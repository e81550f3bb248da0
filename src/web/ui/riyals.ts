import { readNumber } from './numbers.js';

/** Riyals typed by a person (Latin, Arabic-Indic or Persian digits, up to two decimals) as halalas; null when not a positive amount. */
export function halalasFrom(text: string): number | null {
  const read = readNumber(text, 'riyals');
  return read.state === 'read' && read.value > 0 ? read.value : null;
}
