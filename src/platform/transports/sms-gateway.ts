import { digitsOnly, postToGateway, type Transport } from './transport.js';

/**
 * SMS through an HTTP gateway (issue 4 §6): `SMS_GATEWAY_URL` receives one POST per message, with
 * `SMS_GATEWAY_TOKEN`. The request's shape is a setting an administrator picks:
 *
 * - `json` (default): `Authorization: Bearer TOKEN`, JSON `{"to": "+9665…", "text": "…", "sender": "…"}`.
 * - `taqnyat` (a common Saudi gateway): `Authorization: Bearer TOKEN`,
 *   JSON `{"recipients": ["9665…"], "body": "…", "sender": "…"}` (point the URL at its messages endpoint).
 * - `custom`: the administrator writes the body with the placeholders {{to}} (+9665…), {{toDigits}}
 *   (9665…), {{text}}, {{sender}}, {{id}} (the message id) and {{token}}; each value is escaped for
 *   the content type (inside a JSON string, or URL-encoded for a form). `auth: 'bearer'` also sends
 *   the token as a Bearer header; `none` leaves it to the body.
 *
 * Every request carries `Idempotency-Key: <message id>`, so a gateway that honours it never sends a
 * retried message twice. Any 2xx answer counts as accepted.
 */
export type SmsFormat =
  | { preset: 'json'; sender: string }
  | { preset: 'taqnyat'; sender: string }
  | {
      preset: 'custom';
      sender: string;
      contentType: 'application/json' | 'application/x-www-form-urlencoded';
      body: string;
      auth: 'bearer' | 'none';
    };

export const SMS_CUSTOM_FIELDS = ['to', 'toDigits', 'text', 'sender', 'id', 'token'] as const;

export const DEFAULT_SMS_FORMAT: SmsFormat = { preset: 'json', sender: 'Sila' };

const escapeJsonString = (value: string) => JSON.stringify(value).slice(1, -1);

function customBody(format: Extract<SmsFormat, { preset: 'custom' }>, values: Record<(typeof SMS_CUSTOM_FIELDS)[number], string>) {
  const escapeValue = format.contentType === 'application/json' ? escapeJsonString : encodeURIComponent;
  return format.body.replace(/\{\{\s*([A-Za-z]+)\s*\}\}/g, (whole, name: string) =>
    name in values ? escapeValue(values[name as keyof typeof values]) : whole,
  );
}

export function createSmsGateway({
  url,
  token,
  format,
  timeoutMs,
}: {
  url: string;
  token: string;
  format: SmsFormat;
  timeoutMs?: number;
}): Transport {
  return {
    async send(message) {
      const headers: Record<string, string> = { accept: 'application/json', 'idempotency-key': message.id };
      let body: string;
      if (format.preset === 'custom') {
        headers['content-type'] = `${format.contentType}; charset=utf-8`;
        if (format.auth === 'bearer') headers.authorization = `Bearer ${token}`;
        body = customBody(format, {
          to: message.to,
          toDigits: digitsOnly(message.to),
          text: message.text,
          sender: format.sender,
          id: message.id,
          token,
        });
      } else {
        headers['content-type'] = 'application/json; charset=utf-8';
        headers.authorization = `Bearer ${token}`;
        body = JSON.stringify(
          format.preset === 'taqnyat'
            ? { recipients: [digitsOnly(message.to)], body: message.text, sender: format.sender }
            : { to: message.to, text: message.text, sender: format.sender },
        );
      }
      const answer = (await postToGateway('sms', url, { headers, body, timeoutMs })) as Record<string, unknown> | null;
      const providerId = answer?.messageId ?? answer?.id ?? null;
      return { providerId: providerId === null ? null : String(providerId) };
    },
  };
}
