import { digitsOnly, postToGateway, type Transport, TransportError } from './transport.js';

/**
 * WhatsApp Cloud API (issue 4 §6). Business-initiated messages must use a template approved in
 * Meta's WhatsApp Manager, so each Sila template names the approved one and sends its own
 * placeholders, in the order they appear, as the template's body parameters ({{1}}, {{2}}, …).
 * The base URL is injectable so tests talk to a local server, never to Meta.
 */
export const WHATSAPP_API_BASE = 'https://graph.facebook.com/v20.0';

export function createWhatsApp({
  token,
  phoneNumberId,
  apiBase = WHATSAPP_API_BASE,
  timeoutMs,
}: {
  token: string;
  phoneNumberId: string;
  apiBase?: string;
  timeoutMs?: number;
}): Transport {
  const url = `${apiBase.replace(/\/+$/, '')}/${encodeURIComponent(phoneNumberId)}/messages`;
  return {
    async send(message) {
      if (!message.whatsapp) throw new TransportError('whatsapp.no-template', true);
      const { template, language, parameters } = message.whatsapp;
      const body = {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: digitsOnly(message.to),
        type: 'template',
        template: {
          name: template,
          language: { code: language },
          ...(parameters.length ? { components: [{ type: 'body', parameters: parameters.map((text) => ({ type: 'text', text })) }] } : {}),
        },
      };
      const answer = (await postToGateway('whatsapp', url, {
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(body),
        timeoutMs,
      })) as { messages?: Array<{ id?: string }> } | null;
      return { providerId: answer?.messages?.[0]?.id ?? null };
    },
  };
}
