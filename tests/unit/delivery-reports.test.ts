import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isProviderId,
  isSameSecret,
  isWhatsAppSignatureValid,
  parseSmsReport,
  parseWhatsAppWebhook,
  ReportError,
} from '../../src/platform/transports/delivery-reports.js';

/** Issue 20 §5 (C5): what transports report after accepting a message, read without a server. */
const SECRET = 'app-secret-0123456789';
const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('WhatsApp webhook signature (X-Hub-Signature-256)', () => {
  it('accepts the HMAC-SHA256 of the exact bytes and nothing else', () => {
    const body = '{"entry":[]}';
    expect(isWhatsAppSignatureValid(Buffer.from(body), sign(body), SECRET)).toBe(true);
    expect(isWhatsAppSignatureValid(Buffer.from(body), sign(body).toUpperCase().replace('SHA256', 'sha256'), SECRET)).toBe(true);
    expect(isWhatsAppSignatureValid(Buffer.from(`${body} `), sign(body), SECRET)).toBe(false);
    expect(isWhatsAppSignatureValid(Buffer.from(body), sign(body, 'another-secret-000'), SECRET)).toBe(false);
    expect(isWhatsAppSignatureValid(Buffer.from(body), undefined, SECRET)).toBe(false);
    expect(isWhatsAppSignatureValid(Buffer.from(body), 'sha256=abc', SECRET)).toBe(false);
    expect(isWhatsAppSignatureValid(Buffer.from(body), sign(body).replace('sha256=', 'sha1='), SECRET)).toBe(false);
  });
});

describe('WhatsApp status notifications', () => {
  const webhook = (statuses: unknown[]) => ({ object: 'whatsapp_business_account', entry: [{ changes: [{ value: { statuses } }] }] });

  it('reads delivered and read as delivered, failed with its error code, and skips words it does not know', () => {
    expect(
      parseWhatsAppWebhook(
        webhook([
          { id: 'wamid.A', status: 'sent' },
          { id: 'wamid.B', status: 'delivered' },
          { id: 'wamid.C', status: 'read' },
          { id: 'wamid.D', status: 'failed', errors: [{ code: 131026, title: 'Receiver incapable' }] },
          { id: 'wamid.E', status: 'failed' },
          { id: 'wamid.F', status: 'deleted' },
        ]),
      ),
    ).toEqual([
      { providerId: 'wamid.A', status: 'sent', reason: null },
      { providerId: 'wamid.B', status: 'delivered', reason: null },
      { providerId: 'wamid.C', status: 'delivered', reason: null },
      { providerId: 'wamid.D', status: 'failed', reason: 'whatsapp.report-131026' },
      { providerId: 'wamid.E', status: 'failed', reason: 'delivery.failed' },
    ]);
  });

  it('refuses shapes that are not a webhook with a ReportError naming where', () => {
    for (const body of [
      null,
      [],
      'x',
      { entry: 'x' },
      webhook([{ id: 5, status: 'sent' }]),
      webhook([{ id: 'has space', status: 'sent' }]),
    ]) {
      expect(() => parseWhatsAppWebhook(body)).toThrow(ReportError);
    }
  });

  it('never throws anything but a ReportError, whatever the body', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        try {
          parseWhatsAppWebhook(body);
        } catch (error) {
          expect(error).toBeInstanceOf(ReportError);
        }
      }),
    );
  });
});

describe('SMS delivery reports', () => {
  it('reads the common field names and status words', () => {
    expect(parseSmsReport({ messageId: '8341', status: 'DELIVRD' })).toEqual({ providerId: '8341', status: 'delivered', reason: null });
    expect(parseSmsReport({ id: 8341, state: 'undelivered', error: 'EXPIRED' })).toEqual({
      providerId: '8341',
      status: 'failed',
      reason: 'sms.report-EXPIRED',
    });
    expect(parseSmsReport({ message_id: 'x-1', status: 'rejected', reason: 'free text with spaces' })).toMatchObject({
      status: 'failed',
      reason: 'delivery.failed',
    });
    expect(parseSmsReport({ messageId: 'x-2', status: 'accepted' }).status).toBe('sent');
  });

  it('names the missing or bad field', () => {
    const pointerOf = (body: unknown) => {
      try {
        parseSmsReport(body);
      } catch (error) {
        return error instanceof ReportError ? `${error.pointer} ${error.code}` : 'other';
      }
      return 'parsed';
    };
    expect(pointerOf({ status: 'delivered' })).toBe('/messageId field.required');
    expect(pointerOf({ messageId: { a: 1 }, status: 'delivered' })).toBe('/messageId field.invalid');
    expect(pointerOf({ messageId: '1' })).toBe('/status field.required');
    expect(pointerOf({ messageId: '1', status: 'exploded' })).toBe('/status field.invalid');
    expect(pointerOf([])).toBe('/ request.invalid');
    expect(pointerOf(null)).toBe('/ request.invalid');
  });

  it('keeps and reads the same provider ids: printable ASCII up to 200 characters', () => {
    expect(isProviderId('wamid.HBgMOTY2NTUxMjM0NTY3')).toBe(true);
    expect(isProviderId('<abc@mail.example>')).toBe(true);
    expect(isProviderId('x'.repeat(200))).toBe(true);
    for (const bad of ['', 'has space', 'x'.repeat(201), 'سلام', 8341, null, undefined]) expect(isProviderId(bad), String(bad)).toBe(false);
  });

  it('compares the shared secret exactly', () => {
    expect(isSameSecret('token-token-token-token-1', 'token-token-token-token-1')).toBe(true);
    expect(isSameSecret('token-token-token-token-2', 'token-token-token-token-1')).toBe(false);
    expect(isSameSecret(undefined, 'token-token-token-token-1')).toBe(false);
    expect(isSameSecret('', 'token-token-token-token-1')).toBe(false);
  });
});
