import nodemailer from 'nodemailer';
import { DEFAULT_TIMEOUT_MS, type Transport, TransportError } from './transport.js';

/**
 * E-mail over SMTP with nodemailer (`SMTP_URL`, e.g. `smtps://user:pass@mail.example.org:465`).
 * Plain text plus the same text as HTML (escaped, in the message's direction) so Arabic reads
 * right to left in mail clients. SMTP replies 5xx refuse the message for good; anything else
 * (4xx, a timeout, a refused connection, failed sign-in) may pass later and is retried.
 */
export interface EmailSender {
  name: string;
  address: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

export function textToHtml(text: string, language: 'ar' | 'en'): string {
  const dir = language === 'ar' ? 'rtl' : 'ltr';
  const paragraphs = text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  return `<!doctype html><html lang="${language}" dir="${dir}"><head><meta charset="utf-8"></head><body dir="${dir}" style="font-family:'IBM Plex Sans Arabic',Tahoma,Arial,sans-serif">${paragraphs}</body></html>`;
}

function toTransportError(error: unknown): TransportError {
  const e = error as { responseCode?: number; code?: string };
  if (typeof e?.responseCode === 'number') return new TransportError(`email.smtp-${e.responseCode}`, e.responseCode >= 500);
  if (e?.code === 'ETIMEDOUT') return new TransportError('email.timeout');
  if (e?.code === 'EAUTH') return new TransportError('email.auth');
  return new TransportError(typeof e?.code === 'string' ? `email.${e.code.toLowerCase()}` : 'email.network');
}

export function createSmtpTransport({
  url,
  from,
  timeoutMs = DEFAULT_TIMEOUT_MS,
}: {
  url: string;
  from: EmailSender;
  timeoutMs?: number;
}): Transport {
  const mailer = nodemailer.createTransport({
    url,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs * 2,
  });
  const domain = from.address.split('@')[1] ?? 'sila.invalid';
  return {
    async send(message) {
      try {
        const info = await mailer.sendMail({
          from: { name: from.name, address: from.address },
          to: message.to,
          subject: message.subject ?? '',
          text: message.text,
          html: textToHtml(message.text, message.language),
          messageId: `<${message.id}@${domain}>`,
          headers: { 'Content-Language': message.language },
        });
        return { providerId: info.messageId ?? null };
      } catch (error) {
        throw toTransportError(error);
      }
    },
  };
}
