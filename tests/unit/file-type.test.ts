import { describe, expect, it } from 'vitest';
import { cleanFileName, sniffMediaType } from '../../src/platform/files/file-type.js';

const bytes = (...values: number[]) => Uint8Array.from(values);
const text = (value: string) => new TextEncoder().encode(value);

describe('file types from the bytes (issue 4 §8)', () => {
  it.each([
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10), 'image/jpeg'],
    ['PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), 'image/png'],
    ['WebP', text('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '), 'image/webp'],
    ['PDF', text('%PDF-1.7\n'), 'application/pdf'],
  ])('accepts %s', (_name, content, type) => {
    expect(sniffMediaType(content)).toBe(type);
  });

  it.each([
    ['HTML named .pdf', text('<!doctype html><script>alert(1)</script>')],
    ['SVG', text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ['a RIFF that is not WebP', text('RIFF\u0000\u0000\u0000\u0000WAVEfmt ')],
    ['empty', bytes()],
  ])('refuses %s', (_name, content) => {
    expect(sniffMediaType(content)).toBeNull();
  });

  it('cleans names: no path, no control or bidi marks, the real extension', () => {
    expect(cleanFileName('../../etc/passwd', 'application/pdf')).toBe('passwd.pdf');
    expect(cleanFileName('C:\\Users\\x\\scan.exe', 'image/png')).toBe('scan.png');
    expect(cleanFileName('فاتورة\u202Egnp.exe', 'image/jpeg')).toBe('فاتورةgnp.jpg');
    expect(cleanFileName('...hidden', 'application/pdf')).toBe('hidden.pdf');
    expect(cleanFileName('', 'image/webp')).toBe('file.webp');
    expect(cleanFileName(`${'ن'.repeat(300)}.pdf`, 'application/pdf')).toHaveLength(104);
  });
});
