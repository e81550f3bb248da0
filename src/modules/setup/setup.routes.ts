import { z } from 'zod';
import { reviewBody, setupStatus as setupStatusSchema, testChannel, testSendBody } from '../../contracts/setup.js';
import type { AppContext } from '../../platform/context.js';
import { staffOnly } from '../../platform/http/route-policy.js';
import { type App, staffOf } from '../../platform/http/types.js';
import { markReviewed, sendTestMessage } from './setup.service.js';
import { setupStatus } from './setup.status.js';

const ADMIN = staffOnly(['administrator']);

/** The administrator's set-up checklist (issue 27 §7): its status and its two actions. */
export function setupRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/setup', {
    config: { policy: ADMIN },
    schema: { tags: ['settings'], response: { 200: setupStatusSchema } },
    handler: () => setupStatus(ctx),
  });

  app.post('/api/v1/setup/reviews', {
    config: { policy: ADMIN },
    schema: { tags: ['settings'], body: reviewBody, response: { 200: setupStatusSchema } },
    handler: async (request) => {
      await markReviewed(ctx, staffOf(request), request.body);
      return setupStatus(ctx);
    },
  });

  app.post('/api/v1/setup/test-message', {
    config: { policy: ADMIN },
    schema: {
      tags: ['settings'],
      body: testSendBody,
      response: { 200: z.object({ channel: testChannel, sentAt: z.string() }) },
    },
    handler: (request) => sendTestMessage(ctx, staffOf(request), request.body),
  });
}
