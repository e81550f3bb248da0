import { describe, expect, it } from 'vitest';
import { copyText } from '../../bench/seed/sink.js';

/** bench:seed loads PostgreSQL with COPY's text format (issue 7 §1): a value must arrive as it was made. */
describe('bench:seed COPY text', () => {
  it('writes null as \\N and escapes backslash, tab, newline and carriage return', () => {
    expect(copyText(null)).toBe('\\N');
    expect(copyText(42)).toBe('42');
    expect(copyText(0.25)).toBe('0.25');
    expect(copyText('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyText('\\N')).toBe('\\\\N');
  });

  it('leaves Arabic text, JSON and ciphertexts as they are', () => {
    for (const value of ['مُحَمَّد الأحمدي', '{"from":"draft","to":"complete"}', 'k1:AbC-_0==', 'it\'s "quoted"'])
      expect(copyText(value)).toBe(value);
  });
});
