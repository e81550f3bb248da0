import type { LightMyRequestResponse } from 'fastify';
import type { ComplaintsSettings } from '../../src/contracts/complaints.js';
import { DEFAULT_COMPLAINTS_SETTINGS, updateComplaintsSettings } from '../../src/modules/complaints/complaints.settings.js';
import type { TestApp } from './harness.js';

/** Helpers for the complaints tests (issue 6): files, multipart uploads, submissions from an address. */
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]), Buffer.alloc(200, 7)]);
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
export const HTML_AS_PDF = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
export const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>');

let addressSeq = 0;
/** A fresh client address per test, so per-address limits of one test never touch another. */
export function newAddress(): string {
  addressSeq += 1;
  return `10.${Math.floor(addressSeq / 250)}.${addressSeq % 250}.${Math.floor(Math.random() * 250) + 1}`;
}

export function upload(
  t: TestApp,
  bytes: Buffer,
  { fileName = 'photo.jpg', address = newAddress() } = {},
): Promise<LightMyRequestResponse> {
  const boundary = '----sila-complaints-boundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/public/uploads',
    remoteAddress: address,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}

export function post(
  t: TestApp,
  url: string,
  body: unknown,
  { address = newAddress(), headers = {} }: { address?: string; headers?: Record<string, string> } = {},
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url,
    remoteAddress: address,
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify(body),
  });
}

export const complaint = (overrides: Record<string, unknown> = {}) => ({
  anonymous: false,
  name: 'منيرة العتيبي',
  mobile: '0551234567',
  email: 'muneera@example.com',
  topic: 'service-delay',
  description: 'تأخر صرف المساعدة المقررة لأسرتنا أكثر من شهرين دون إبلاغنا بالسبب.',
  remedy: 'صرف المساعدة وإبلاغنا بموعدها',
  privacyNoticeVersion: DEFAULT_COMPLAINTS_SETTINGS.privacyNoticeVersion,
  ...overrides,
});

export const inquiry = (overrides: Record<string, unknown> = {}) => ({
  name: 'Saad Al-Harbi',
  email: 'saad@example.com',
  topic: 'eligibility',
  description: 'What are the conditions to join the productive families training programme?',
  privacyNoticeVersion: DEFAULT_COMPLAINTS_SETTINGS.privacyNoticeVersion,
  ...overrides,
});

export async function setComplaintsSettings(t: TestApp, changes: Partial<ComplaintsSettings>): Promise<void> {
  await updateComplaintsSettings(t.ctx, { id: 'test' }, { ...DEFAULT_COMPLAINTS_SETTINGS, ...changes });
}
