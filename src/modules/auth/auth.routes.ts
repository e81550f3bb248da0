import {
  changePasswordBody,
  preferencesBody,
  sessionResponse,
  signInBody,
  totpCodeBody,
  totpEnrolmentResponse,
} from '../../contracts/auth.js';
import { okSchema } from '../../contracts/common.js';
import type { AppContext } from '../../platform/context.js';
import { clearSessionCookie, setSessionCookie } from '../../platform/http/auth-plugin.js';
import { openWhileGated, PUBLIC, type RoutePolicy, type SessionStage } from '../../platform/http/route-policy.js';
import type { SessionRow } from '../../platform/http/sessions.js';
import { type App, staffOf } from '../../platform/http/types.js';
import { loadStaffPrincipal } from '../staff/index.js';
import * as auth from './auth.service.js';

const ALL_STAGES: SessionStage[] = ['password-change', 'mfa-enroll', 'mfa', 'active'];
const anyStage: RoutePolicy = { access: 'staff', roles: 'any-role', stages: ALL_STAGES, scope: 'self' };
/** Issue 26 §4 (R1): sign-out and the current user stay open while an overdue acknowledgement closes the rest. */
const anyStageWhileGated: RoutePolicy = openWhileGated(anyStage);
const stage = (...stages: SessionStage[]): RoutePolicy => ({ access: 'staff', roles: 'any-role', stages, scope: 'self' });

/** Per-address limits on top of the database throttle (ARCHITECTURE.md "Throttling"). */
const SIGN_IN_RATE = { max: 30, timeWindow: '1 minute' };

export function authRoutes(app: App, ctx: AppContext): void {
  const isHttps = ctx.config.publicUrl?.startsWith('https:') ?? false;

  app.post('/api/v1/auth/sign-in', {
    config: { policy: PUBLIC, rateLimit: SIGN_IN_RATE },
    schema: { tags: ['auth'], body: signInBody, response: { 200: sessionResponse } },
    handler: async (request, reply) => {
      const { token, session } = await auth.signIn(ctx, { ...request.body, address: request.ip });
      setSessionCookie(request, reply, token, isHttps);
      return reply.send(await describeNewSession(ctx, session));
    },
  });

  app.get('/api/v1/auth/session', {
    config: { policy: anyStageWhileGated },
    schema: { tags: ['auth'], response: { 200: sessionResponse } },
    handler: (request) => auth.describeSession(ctx, staffOf(request)),
  });

  app.post('/api/v1/auth/sign-out', {
    config: { policy: anyStageWhileGated },
    schema: { tags: ['auth'], response: { 200: okSchema } },
    handler: async (request, reply) => {
      await auth.signOut(ctx, staffOf(request));
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  });

  app.post('/api/v1/auth/password', {
    config: { policy: stage('password-change', 'active'), rateLimit: SIGN_IN_RATE },
    schema: { tags: ['auth'], body: changePasswordBody, response: { 200: sessionResponse } },
    handler: async (request, reply) => {
      const { token, row } = await auth.changePassword(ctx, staffOf(request), request.body);
      setSessionCookie(request, reply, token, isHttps);
      return describeNewSession(ctx, row);
    },
  });

  app.post('/api/v1/auth/totp/enrolment', {
    config: { policy: stage('mfa-enroll', 'active') },
    schema: { tags: ['auth'], response: { 200: totpEnrolmentResponse } },
    handler: (request) => auth.startTotpEnrolment(ctx, staffOf(request)),
  });

  app.post('/api/v1/auth/totp/enrolment/confirm', {
    config: { policy: stage('mfa-enroll', 'active'), rateLimit: SIGN_IN_RATE },
    schema: { tags: ['auth'], body: totpCodeBody, response: { 200: sessionResponse } },
    handler: async (request, reply) => {
      const { token, row } = await auth.confirmTotpEnrolment(ctx, staffOf(request), request.body.code);
      setSessionCookie(request, reply, token, isHttps);
      return describeNewSession(ctx, row);
    },
  });

  app.post('/api/v1/auth/totp/verify', {
    config: { policy: stage('mfa'), rateLimit: SIGN_IN_RATE },
    schema: { tags: ['auth'], body: totpCodeBody, response: { 200: sessionResponse } },
    handler: async (request, reply) => {
      const { token, row } = await auth.verifySecondFactor(ctx, staffOf(request), request.body.code);
      setSessionCookie(request, reply, token, isHttps);
      return describeNewSession(ctx, row);
    },
  });

  app.put('/api/v1/me/preferences', {
    config: { policy: anyStage },
    schema: { tags: ['auth'], body: preferencesBody, response: { 200: okSchema } },
    handler: async (request) => {
      await auth.setLanguage(ctx, staffOf(request), request.body.language);
      return { ok: true as const };
    },
  });
}

/** A session just issued (its row is at hand), described as GET /auth/session would. */
async function describeNewSession(ctx: AppContext, row: SessionRow) {
  const staff = await loadStaffPrincipal(ctx, row.principal_id);
  if (!staff) throw new Error('The account was deactivated while signing in');
  return auth.describeSession(ctx, {
    kind: 'staff',
    ...staff,
    sessionIdHash: row.id_hash,
    stage: row.stage as SessionStage,
    csrfToken: row.csrf_token,
  });
}
