import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { checkKeySentinels } from '../../platform/db/key-sentinels.js';
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

  // Readiness: the database answers and the keys open its data (key sentinels, decision 007).
  app.get('/readyz', {
    config: { policy: PUBLIC },
    schema: { hide: true, response: { 200: z.object({ status: z.literal('ready'), engine: z.string() }) } },
    handler: async () => {
      let wrongKey: Awaited<ReturnType<typeof checkKeySentinels>>;
      try {
        await sql`select 1`.execute(ctx.db);
        wrongKey = await checkKeySentinels(ctx.db, ctx.keys);
      } catch {
        throw new AppError(503, 'not-ready', 'The database does not answer');
      }
      if (wrongKey) throw new AppError(503, 'not-ready', 'The keys do not open this database’s data');
      return { status: 'ready' as const, engine: ctx.engine };
    },
  });
}
