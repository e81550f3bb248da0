import { okSchema } from '../../contracts/common.js';
import { portalMeResponse, portalSignInStartBody, portalSignInStartResponse, portalSignInVerifyBody } from '../../contracts/portal.js';
import type { AppContext } from '../../platform/context.js';
import { clearPortalCookie, PORTAL_COOKIE, setPortalCookie } from '../../platform/http/auth-plugin.js';
import { familyOnly, PUBLIC } from '../../platform/http/route-policy.js';
import { type App, familyOf } from '../../platform/http/types.js';
import * as portal from './portal.service.js';

/** Per-address limits on top of the database throttle (ARCHITECTURE.md "Throttling"). */
const SIGN_IN_RATE = { max: 30, timeWindow: '1 minute' };
const FAMILY = familyOnly();

/** The beneficiary portal's API (issue 5 §2, §9): sign-in by one-time code and the family's own records. */
export function portalRoutes(app: App, ctx: AppContext): void {
  const isHttps = ctx.config.publicUrl?.startsWith('https:') ?? false;

  app.post('/api/v1/portal/sign-in/start', {
    config: { policy: PUBLIC, rateLimit: SIGN_IN_RATE },
    schema: { tags: ['portal'], body: portalSignInStartBody, response: { 202: portalSignInStartResponse } },
    handler: async (request, reply) => {
      const answer = await portal.startSignIn(ctx, { ...request.body, address: request.ip });
      return reply.code(202).send(answer);
    },
  });

  app.post('/api/v1/portal/sign-in/verify', {
    config: { policy: PUBLIC, rateLimit: SIGN_IN_RATE },
    schema: { tags: ['portal'], body: portalSignInVerifyBody, response: { 200: portalMeResponse } },
    handler: async (request, reply) => {
      const { token, session } = await portal.verifySignIn(ctx, {
        ...request.body,
        address: request.ip,
        previousToken: request.cookies[PORTAL_COOKIE],
      });
      setPortalCookie(request, reply, token, isHttps);
      return reply.send(await portal.describeFamily(ctx, { familyId: session.principal_id, csrfToken: session.csrf_token }));
    },
  });

  app.post('/api/v1/portal/sign-out', {
    config: { policy: FAMILY },
    schema: { tags: ['portal'], response: { 200: okSchema } },
    handler: async (request, reply) => {
      await portal.signOut(ctx, familyOf(request));
      clearPortalCookie(reply);
      return { ok: true as const };
    },
  });

  app.get('/api/v1/portal/me', {
    config: { policy: FAMILY },
    schema: { tags: ['portal'], response: { 200: portalMeResponse } },
    handler: (request) => portal.describeFamily(ctx, familyOf(request)),
  });
}
