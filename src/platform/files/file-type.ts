/**
 * What a file is, decided from its bytes (issue 4 §8): never from its name or the type a client
 * declared. Only the types people need for documents and scans are accepted.
 */
export type AcceptedMediaType = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';

export const EXTENSIONS: Record<AcceptedMediaType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) => signature.every((b, i) => bytes[offset + i] === b);

export function sniffMediaType(bytes: Uint8Array): AcceptedMediaType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  return null;
}

/**
 * A safe display name: no path, no control or bidi characters, no leading dots, at most 120
 * characters, and the extension that matches the real type.
 */
export function cleanFileName(name: string, mediaType: AcceptedMediaType): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .normalize('NFKC')
    .replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/^\.+/, '')
    .trim();
  const stem = base.replace(/\.[^.]*$/, '').slice(0, 100) || 'file';
  return `${stem}.${EXTENSIONS[mediaType]}`;
}
