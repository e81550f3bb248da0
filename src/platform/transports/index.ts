import type { Config } from '../config.js';
import { createSmsGateway, DEFAULT_SMS_FORMAT, type SmsFormat } from './sms-gateway.js';
import { createSmtpTransport, type EmailSender } from './smtp.js';
import type { Transports } from './transport.js';
import { createWhatsApp } from './whatsapp.js';

export {
  type DeliveryReport,
  isProviderId,
  isSameSecret,
  isWhatsAppSignatureValid,
  parseSmsReport,
  parseWhatsAppWebhook,
  ReportError,
  type ReportedStatus,
} from './delivery-reports.js';
export type { SmsFormat } from './sms-gateway.js';
export { DEFAULT_SMS_FORMAT, SMS_CUSTOM_FIELDS } from './sms-gateway.js';
export type { EmailSender } from './smtp.js';
export type { DeliveryReceipt, OutgoingMessage, Transport, TransportChannel, Transports } from './transport.js';
export { TransportError } from './transport.js';

export interface TransportOptions {
  /** The From of e-mails (the association's name and address). */
  emailFrom: EmailSender;
  smsFormat?: SmsFormat;
  /** Tests point WhatsApp at a local server. */
  whatsappApiBase?: string;
  timeoutMs?: number;
}

/**
 * The transports the environment configures (ARCHITECTURE.md "Configuration"). A channel without
 * one is simply absent: its messages wait in the outbox, visible, until it is configured.
 */
export function createTransports(config: Config['transports'], options: TransportOptions): Transports {
  const transports: Transports = {};
  const { timeoutMs } = options;
  if (config.smtpUrl) transports.email = createSmtpTransport({ url: config.smtpUrl, from: options.emailFrom, timeoutMs });
  if (config.smsGatewayUrl && config.smsGatewayToken) {
    transports.sms = createSmsGateway({
      url: config.smsGatewayUrl,
      token: config.smsGatewayToken,
      format: options.smsFormat ?? DEFAULT_SMS_FORMAT,
      timeoutMs,
    });
  }
  if (config.whatsappToken && config.whatsappPhoneNumberId) {
    transports.whatsapp = createWhatsApp({
      token: config.whatsappToken,
      phoneNumberId: config.whatsappPhoneNumberId,
      apiBase: options.whatsappApiBase,
      timeoutMs,
    });
  }
  return transports;
}

/** Which channels have a transport, without building any (the outbox page shows what waits for what). */
export function configuredChannels(config: Config['transports']): Record<'sms' | 'email' | 'whatsapp', boolean> {
  return {
    sms: Boolean(config.smsGatewayUrl && config.smsGatewayToken),
    email: Boolean(config.smtpUrl),
    whatsapp: Boolean(config.whatsappToken && config.whatsappPhoneNumberId),
  };
}
