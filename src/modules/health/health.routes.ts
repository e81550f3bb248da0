import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/app-error.js';
import { PUBLIC } from '../../platform/http/route-policy.js';
import type { App } from '../../platform/http/types.js';

export function healthRoutes(app: App, ctx: AppContext): void {
  // Liveness: the process answers.
  app.get('/healthz', {
    config: { policy: PUBLIC },
    schema: { hide: true, response: { 200: z.object({ status: z.literal('ok') }) } },
    handler: async () => ({ status: 'ok' as const }),
  });

  // Readiness: the database answers.
  app.get('/readyz', {
    config: { policy: PUBLIC },
    schema: { hide: true, response: { 200: z.object({ status: z.literal('ready'), engine: z.string() }) } },
    handler: async () => {
      try {
        await sql`select 1`.execute(ctx.db);
      } catch {
        throw new AppError(503, 'not-ready', 'The database does not answer');
      }
      return { status: 'ready' as const, engine: ctx.engine };
    },
  });
}
