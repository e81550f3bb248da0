import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from './app-error.js';
import type { FamilyPrincipal, StaffPrincipal } from './principal.js';
import type { RoutePolicy } from './route-policy.js';
import { FAMILY_SESSION_ABSOLUTE_MS, SESSION_ABSOLUTE_MS, type SessionRow, type SessionStore } from './sessions.js';

export const SESSION_COOKIE = 'sila_session';
/** The beneficiary portal's own cookie: a family session never rides on the staff cookie, nor the reverse. */
export const PORTAL_COOKIE = 'sila_portal';
export const CSRF_HEADER = 'x-csrf-token';

export type StaffLoader = (userId: string) => Promise<Omit<StaffPrincipal, 'kind' | 'sessionIdHash' | 'stage' | 'csrfToken'> | null>;

export interface AuthPluginOptions {
  sessions: SessionStore;
  loadStaff: StaffLoader;
  /** Public URL is https: cookies are Secure even when TLS ends at a proxy we were not told to trust. */
  isPublicUrlHttps: boolean;
  /** Issue 26 §4 (R1): what may still close a fully signed-in session's routes (staff-gates.ts). */
  gate?: (principal: StaffPrincipal) => Promise<void>;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isSecureRequest(request: FastifyRequest, isPublicUrlHttps: boolean): boolean {
  return isPublicUrlHttps || request.protocol === 'https';
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, isPublicUrlHttps: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecureRequest(request, isPublicUrlHttps),
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export function setPortalCookie(request: FastifyRequest, reply: FastifyReply, token: string, isPublicUrlHttps: boolean): void {
  reply.setCookie(PORTAL_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecureRequest(request, isPublicUrlHttps),
    maxAge: FAMILY_SESSION_ABSOLUTE_MS / 1000,
  });
}

export function clearPortalCookie(reply: FastifyReply): void {
  reply.clearCookie(PORTAL_COOKIE, { path: '/' });
}

function familyPrincipalOf(session: SessionRow): FamilyPrincipal {
  return { kind: 'family', familyId: session.principal_id, sessionIdHash: session.id_hash, csrfToken: session.csrf_token };
}

/**
 * The family signed in to the portal on this request, for pages that render either way (`/portal`
 * is public and shows the sign-in form to everyone else). Only a family session counts.
 */
export async function portalFamilyOf(sessions: SessionStore, request: FastifyRequest): Promise<FamilyPrincipal | null> {
  const token = request.cookies[PORTAL_COOKIE];
  if (!token) return null;
  const session = await sessions.resolve(token);
  return session?.principal_kind === 'family' ? familyPrincipalOf(session) : null;
}

/**
 * Authenticate → authorize on every request, before the body is validated, so callers without
 * the right learn nothing about a route's schema. Cookie-authenticated writes must carry the
 * session's CSRF token; unauthenticated writes must come from our own origin when a browser says
 * where it came from.
 *
 * Which cookie is read depends on the route: portal routes (`access: 'family'`) read only
 * `sila_portal` and accept only family sessions; every other route reads only `sila_session` and
 * accepts only staff sessions. So a staff cookie never opens the portal and a family's never opens
 * the staff app.
 */
async function authPlugin(app: FastifyInstance, options: AuthPluginOptions): Promise<void> {
  app.decorateRequest('principal', null as never);

  app.addHook('onRequest', async (request, reply) => {
    request.principal = { kind: 'anonymous' };
    const policy: RoutePolicy | undefined = request.routeOptions.config?.policy;
    const isFamilyRoute = policy?.access === 'family';
    const cookieName = isFamilyRoute ? PORTAL_COOKIE : SESSION_COOKIE;
    const token = request.cookies[cookieName];
    let session: SessionRow | null = null;
    let hadExpiredSession = false;
    if (token) {
      session = await options.sessions.resolve(token);
      // A cookie opens only sessions of its own kind.
      if (session && session.principal_kind !== (isFamilyRoute ? 'family' : 'staff')) session = null;
      if (session?.principal_kind === 'family') {
        request.principal = familyPrincipalOf(session);
      } else if (session?.principal_kind === 'staff') {
        const staff = await options.loadStaff(session.principal_id);
        if (staff) {
          request.principal = {
            kind: 'staff',
            ...staff,
            sessionIdHash: session.id_hash,
            stage: session.stage as StaffPrincipal['stage'],
            csrfToken: session.csrf_token,
          };
        } else {
          // Deactivated or removed while signed in: the session ends now.
          await options.sessions.end(session.id_hash);
          session = null;
        }
      }
      if (!session) {
        hadExpiredSession = true;
        if (isFamilyRoute) clearPortalCookie(reply);
        else clearSessionCookie(reply);
      }
    }

    if (UNSAFE_METHODS.has(request.method)) {
      if (session && request.headers[CSRF_HEADER] !== session.csrf_token && policy?.access !== 'public') {
        throw AppError.forbidden('auth.csrf', 'The request did not carry this session’s CSRF token');
      }
      const origin = request.headers.origin;
      if (origin && origin !== 'null') {
        const host = request.headers['x-forwarded-host'] ?? request.headers.host;
        if (new URL(origin).host !== host) throw AppError.forbidden('auth.cross-origin', 'Cross-origin writes are not accepted');
      }
    }

    if (!policy || policy.access === 'public') return;
    const principal = request.principal;
    if (policy.access === 'family') {
      if (principal.kind === 'family') return;
      throw hadExpiredSession
        ? AppError.unauthenticated('auth.session-expired', 'Your session has ended; sign in again')
        : AppError.unauthenticated();
    }
    if (principal.kind !== 'staff') {
      throw hadExpiredSession
        ? AppError.unauthenticated('auth.session-expired', 'Your session has ended; sign in again')
        : AppError.unauthenticated();
    }
    const stages = policy.stages ?? ['active'];
    if (!stages.includes(principal.stage)) {
      throw AppError.forbidden(`auth.stage.${principal.stage}`, 'Finish signing in first');
    }
    if (policy.roles !== 'any-role' && !principal.roles.some((role) => (policy.roles as readonly string[]).includes(role))) {
      throw AppError.forbidden();
    }
    // R1: central, after the role check, so a route's own refusal keeps its meaning.
    if (options.gate && principal.stage === 'active' && !policy.isOpenWhileGated) await options.gate(principal);
  });
}

export default fp(authPlugin, { name: 'sila-auth' });
