/**
 * What every message transport shares (issue 4 §6). A transport delivers one message or throws a
 * TransportError whose `code` is safe to store and show: it never carries an address, a text or a
 * gateway's answer (those may echo personal data).
 */
export type TransportChannel = 'sms' | 'email' | 'whatsapp';

export interface OutgoingMessage {
  /** The outbox message id: a gateway's idempotency key, the e-mail's Message-ID. */
  id: string;
  /** E.164 mobile (+9665…) for SMS and WhatsApp; an e-mail address for e-mail. */
  to: string;
  subject: string | null;
  text: string;
  language: 'ar' | 'en';
  /** WhatsApp only: the approved template and its body parameters, in order. */
  whatsapp?: { template: string; language: string; parameters: string[] };
}

export interface DeliveryReceipt {
  /** The provider's id for the message, when it gives one. */
  providerId: string | null;
}

export interface Transport {
  send(message: OutgoingMessage): Promise<DeliveryReceipt>;
}

export type Transports = Partial<Record<TransportChannel, Transport>>;

export class TransportError extends Error {
  constructor(
    /** e.g. `sms.http-503`, `email.timeout`, `whatsapp.network`, `email.smtp-550`. */
    readonly code: string,
    /** Retrying cannot help (the recipient or the request was refused). */
    readonly isPermanent = false,
  ) {
    super(code);
    this.name = 'TransportError';
  }
}

/** Every call to the outside gives up after this long (a slow gateway must not hold the dispatcher). */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** 4xx means the request itself was refused, except the statuses that ask us to come back later. */
function isPermanentStatus(status: number): boolean {
  return status >= 400 && status < 500 && ![408, 425, 429].includes(status);
}

/**
 * POSTs to an HTTP gateway with a timeout. Redirects are refused (a gateway that redirects a POST is
 * misconfigured, and following it could send a token elsewhere). Returns the parsed JSON answer, if any.
 */
export async function postToGateway(
  prefix: TransportChannel,
  url: string,
  { headers, body, timeoutMs = DEFAULT_TIMEOUT_MS }: { headers: Record<string, string>; body: string; timeoutMs?: number },
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers, body, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const name = (error as Error)?.name;
    throw new TransportError(name === 'TimeoutError' || name === 'AbortError' ? `${prefix}.timeout` : `${prefix}.network`);
  }
  let text = '';
  try {
    text = await response.text();
  } catch {
    throw new TransportError(`${prefix}.timeout`);
  }
  if (!response.ok) throw new TransportError(`${prefix}.http-${response.status}`, isPermanentStatus(response.status));
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** `+966551234567` → `966551234567`: what most gateways and WhatsApp expect. */
export function digitsOnly(e164: string): string {
  return e164.replace(/\D/g, '');
}
