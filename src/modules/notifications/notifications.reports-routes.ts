import type { FastifyRequest } from 'fastify';
import sjson from 'secure-json-parse';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/app-error.js';
import { PUBLIC } from '../../platform/http/route-policy.js';
import type { App } from '../../platform/http/types.js';
import {
  type DeliveryReport,
  isSameSecret,
  isWhatsAppSignatureValid,
  parseSmsReport,
  parseWhatsAppWebhook,
  ReportError,
  type TransportChannel,
} from '../../platform/transports/index.js';
import { applyDeliveryReport } from './outbox.reports.js';

/**
 * The transports' delivery reports (issue 20 §5, C5): public endpoints a provider calls, each
 * closed (404) until its secret is configured, rate-limited per address, answering problem+json
 * on bad input and never 5xx on a malformed body. Their bodies are read raw (WhatsApp signs the
 * exact bytes) and parsed here, leniently: providers add fields, so unknown keys are not refused.
 *
 * - `GET  /api/v1/public/whatsapp/webhook`: Meta's subscription check (`hub.verify_token`,
 *   `hub.challenge`) against WHATSAPP_VERIFY_TOKEN.
 * - `POST /api/v1/public/whatsapp/webhook`: status notifications, signed with WHATSAPP_APP_SECRET.
 * - `POST /api/v1/public/sms/delivery-reports` with `Authorization: Bearer SMS_REPORT_TOKEN` (or
 *   `X-Sila-Report-Token`), or `POST /api/v1/public/sms/delivery-reports/SMS_REPORT_TOKEN` for a
 *   gateway that can only be given a URL: one report, JSON or a form (README "Delivery reports").
 *
 * Logs name the channel and what happened, never the provider's id (a WhatsApp id encodes the phone).
 */
const REPORT_RATE = { max: 600, timeWindow: '1 minute' };

interface RawRequest extends FastifyRequest {
  rawBody?: Buffer;
}

function parseJson(raw: Buffer): unknown {
  const text = raw.toString('utf8');
  if (text.trim() === '') throw AppError.badRequest('request.empty-body', 'The JSON body is empty');
  try {
    return sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch {
    throw AppError.badRequest('request.malformed-json', 'The body is not valid JSON');
  }
}

function invalid(error: unknown): never {
  if (error instanceof ReportError) {
    throw AppError.badRequest('report.invalid', 'The delivery report is not valid', [
      { pointer: error.pointer, code: error.code, detail: 'Not a delivery report this endpoint reads' },
    ]);
  }
  throw error;
}

async function applyAll(ctx: AppContext, request: FastifyRequest, channel: TransportChannel, reports: DeliveryReport[]) {
  const counts: Record<string, number> = {};
  for (const report of reports) {
    const outcome = await applyDeliveryReport(ctx, channel, report);
    counts[outcome] = (counts[outcome] ?? 0) + 1;
  }
  if (counts.unknown) request.log.info({ channel, unknown: counts.unknown }, 'delivery reports for messages not ours, ignored');
  request.log.debug({ channel, ...counts }, 'delivery reports');
  return counts;
}

const hubQuery = z.object({
  'hub.mode': z.string().max(40).optional(),
  'hub.verify_token': z.string().max(200).optional(),
  'hub.challenge': z.string().max(200).optional(),
});
const tokenParams = z.strictObject({ token: z.string().max(200) });
const received = z.object({ received: z.number().int() });

export function deliveryReportRoutes(app: App, ctx: AppContext): void {
  app.register(async (scope: App) => {
    // Raw bytes kept for the signature; JSON parsed here with the same prototype-poisoning guard as everywhere.
    scope.removeContentTypeParser(['application/json']);
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
      (request as RawRequest).rawBody = body as Buffer;
      try {
        done(null, parseJson(body as Buffer));
      } catch (error) {
        done(error as Error, undefined);
      }
    });
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (request, body, done) => {
      (request as RawRequest).rawBody = body as Buffer;
      done(null, Object.fromEntries(new URLSearchParams((body as Buffer).toString('utf8'))));
    });

    scope.get('/api/v1/public/whatsapp/webhook', {
      config: { policy: PUBLIC, rateLimit: REPORT_RATE },
      schema: { tags: ['public'], querystring: hubQuery },
      handler: async (request, reply) => {
        const expected = ctx.config.transports.whatsappVerifyToken;
        if (!expected) throw AppError.notFound('webhook.not-configured', 'WhatsApp delivery reports are not configured');
        const query = request.query as z.infer<typeof hubQuery>;
        if (query['hub.mode'] !== 'subscribe' || !isSameSecret(query['hub.verify_token'], expected) || !query['hub.challenge']) {
          throw AppError.forbidden('webhook.bad-token', 'The verify token does not match');
        }
        return reply.type('text/plain; charset=utf-8').send(query['hub.challenge']);
      },
    });

    scope.post('/api/v1/public/whatsapp/webhook', {
      config: { policy: PUBLIC, rateLimit: REPORT_RATE },
      schema: { tags: ['public'], response: { 200: received } },
      handler: async (request) => {
        const secret = ctx.config.transports.whatsappAppSecret;
        if (!secret) throw AppError.notFound('webhook.not-configured', 'WhatsApp delivery reports are not configured');
        const raw = (request as RawRequest).rawBody ?? Buffer.alloc(0);
        const signature = request.headers['x-hub-signature-256'];
        if (!isWhatsAppSignatureValid(raw, typeof signature === 'string' ? signature : undefined, secret)) {
          throw AppError.unauthenticated('webhook.bad-signature', 'The X-Hub-Signature-256 header does not sign this body');
        }
        let reports: DeliveryReport[] = [];
        try {
          reports = parseWhatsAppWebhook(request.body);
        } catch (error) {
          invalid(error);
        }
        await applyAll(ctx, request, 'whatsapp', reports);
        return { received: reports.length };
      },
    });

    const smsReport = async (request: FastifyRequest, token: string | undefined) => {
      const expected = ctx.config.transports.smsReportToken;
      if (!expected) throw AppError.notFound('webhook.not-configured', 'SMS delivery reports are not configured');
      if (!isSameSecret(token, expected)) throw AppError.unauthenticated('webhook.bad-token', 'The report token does not match');
      let report: DeliveryReport;
      try {
        report = parseSmsReport(request.body);
      } catch (error) {
        invalid(error);
      }
      await applyAll(ctx, request, 'sms', [report]);
    };
    const headerToken = (request: FastifyRequest) => {
      const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
      const header = request.headers['x-sila-report-token'];
      return bearer ?? (typeof header === 'string' ? header : undefined);
    };

    scope.post('/api/v1/public/sms/delivery-reports', {
      config: { policy: PUBLIC, rateLimit: REPORT_RATE },
      schema: { tags: ['public'], consumes: ['application/json', 'application/x-www-form-urlencoded'] },
      handler: async (request, reply) => {
        await smsReport(request, headerToken(request));
        return reply.code(204).send();
      },
    });

    // For gateways configured with a URL only; the token is then in access logs that record paths.
    scope.post('/api/v1/public/sms/delivery-reports/:token', {
      config: { policy: PUBLIC, rateLimit: REPORT_RATE },
      schema: { tags: ['public'], params: tokenParams, consumes: ['application/json', 'application/x-www-form-urlencoded'] },
      handler: async (request, reply) => {
        await smsReport(request, (request.params as z.infer<typeof tokenParams>).token);
        return reply.code(204).send();
      },
    });
  });
}
