import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  complaintBody,
  complaintsSettings,
  formOptions,
  inquiryBody,
  lookupBody,
  lookupResult,
  submissionReceipt,
  uploadReceipt,
} from '../../contracts/complaints.js';
import type { CaseKind } from '../../domain/complaint-steps.js';
import type { AppContext } from '../../platform/context.js';
import { readUpload } from '../../platform/files/uploads.js';
import { PUBLIC, staffOnly } from '../../platform/http/route-policy.js';
import { type App, staffOf } from '../../platform/http/types.js';
import { type LimitBucket, PublicRateLimiter } from './complaints.limits.js';
import * as complaints from './complaints.service.js';
import { getComplaintsSettings, updateComplaintsSettings } from './complaints.settings.js';
import { receiveUpload } from './complaints.uploads.js';

const idempotencyHeaders = z.object({ 'idempotency-key': z.string().min(1).max(200, 'field.too-long').optional() });

/** The public link's API (issue 6 §2, §3) and the administrator's settings for it. */
export function complaintRoutes(app: App, ctx: AppContext): void {
  const limiter = new PublicRateLimiter();

  /** Per-address limits from settings (issue 6 §1), counted before the body is even looked at. */
  const limit = (bucket: LimitBucket) => async (request: FastifyRequest) => {
    const s = await getComplaintsSettings(ctx);
    const rule =
      bucket === 'lookup'
        ? { max: s.lookupsPerMinute, windowMs: 60_000 }
        : { max: bucket === 'upload' ? s.uploadsPerWindow : s.submissionsPerWindow, windowMs: s.submissionWindowMinutes * 60_000 };
    limiter.hit(bucket, request.ip, rule, ctx.clock.now().getTime());
  };

  /** Honeypot (issue 6 §1): a filled `website` answers like a success and stores nothing, whatever else was sent. */
  const honeypot = (kind: CaseKind) => async (request: FastifyRequest, reply: FastifyReply) => {
    const website = (request.body as { website?: unknown } | null)?.website;
    if (typeof website === 'string' && website.trim() !== '') {
      request.log.info({ kind }, 'public form honeypot filled');
      return reply.code(201).send(complaints.decoyReceipt(kind, ctx.clock.now()));
    }
  };

  const language = (request: FastifyRequest) => (/^en\b/i.test(request.headers['accept-language'] ?? '') ? 'en' : 'ar');

  app.get('/api/v1/public/form-options', {
    config: { policy: PUBLIC },
    schema: { tags: ['public'], response: { 200: formOptions } },
    handler: () => complaints.formOptions(ctx),
  });

  app.post('/api/v1/public/uploads', {
    config: { policy: PUBLIC },
    preValidation: limit('upload'),
    schema: { tags: ['public'], consumes: ['multipart/form-data'], response: { 201: uploadReceipt } },
    handler: async (request, reply) => {
      // Read up to the administrator's limit (settings, at most the file store's ceiling), no further.
      const { maxUploadBytes } = await getComplaintsSettings(ctx);
      const { fileName, bytes } = await readUpload(request, { maxBytes: maxUploadBytes, noFileCode: 'upload.no-file' });
      return reply.code(201).send(await receiveUpload(ctx, { fileName, bytes }));
    },
  });

  for (const kind of ['complaint', 'inquiry'] as const) {
    const plural = kind === 'complaint' ? 'complaints' : 'inquiries';
    app.post(`/api/v1/public/${plural}`, {
      config: { policy: PUBLIC },
      preValidation: [limit('submission'), honeypot(kind)],
      schema: {
        tags: ['public'],
        headers: idempotencyHeaders,
        body: kind === 'complaint' ? complaintBody : inquiryBody,
        response: { 201: submissionReceipt },
      },
      handler: async (request, reply) => {
        const result = await complaints.submitCase(ctx, kind, request.body, {
          idempotencyKey: request.headers['idempotency-key'],
          language: language(request),
        });
        return reply.code(201).send(result.body);
      },
    });

    // The code travels in the body, never in a URL (issue 6 §3).
    app.post(`/api/v1/public/${plural}/lookup`, {
      config: { policy: PUBLIC },
      preValidation: limit('lookup'),
      schema: { tags: ['public'], body: lookupBody, response: { 200: lookupResult } },
      handler: (request) => complaints.lookupCase(ctx, kind, request.body.trackingCode),
    });
  }

  const ADMIN = staffOnly(['administrator']);
  app.get('/api/v1/settings/complaints', {
    config: { policy: ADMIN },
    schema: { tags: ['settings'], response: { 200: complaintsSettings } },
    handler: () => getComplaintsSettings(ctx),
  });
  app.put('/api/v1/settings/complaints', {
    config: { policy: ADMIN },
    schema: { tags: ['settings'], body: complaintsSettings, response: { 200: complaintsSettings } },
    handler: (request) => updateComplaintsSettings(ctx, { id: staffOf(request).userId }, request.body),
  });
}
