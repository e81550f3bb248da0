import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyServerOptions, LogController } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { acknowledgementsArea } from './modules/acknowledgements/index.js';
import { attestationsArea } from './modules/attestations/index.js';
import { auditArea } from './modules/audit/index.js';
import { authArea } from './modules/auth/index.js';
import { calendarArea } from './modules/calendar/index.js';
import { committeesArea } from './modules/committees/index.js';
import { compensationArea } from './modules/compensation/index.js';
import { complaintsArea } from './modules/complaints/index.js';
import { documentsArea } from './modules/documents/index.js';
import { erasureArea } from './modules/erasure/index.js';
import { familiesArea } from './modules/families/index.js';
import { healthArea } from './modules/health/index.js';
import { notificationsArea } from './modules/notifications/index.js';
import { portalArea } from './modules/portal/index.js';
import { filesProcessing, privacyArea, processingSources } from './modules/privacy/index.js';
import { requestsArea } from './modules/requests/index.js';
import { savedViewsArea } from './modules/saved-views/index.js';
import { settingsArea } from './modules/settings/index.js';
import { setupArea } from './modules/setup/index.js';
import { loadStaffPrincipal, staffArea } from './modules/staff/index.js';
import { surveysArea } from './modules/surveys/index.js';
import { webArea } from './modules/web/index.js';
import type { AreaManifest } from './platform/area.js';
import type { AppContext } from './platform/context.js';
import { FILE_STORE_PERSONAL_DATA } from './platform/files/file-store.js';
import { AppError } from './platform/http/app-error.js';
import authPlugin from './platform/http/auth-plugin.js';
import { registerCompression } from './platform/http/compression.js';
import { registerJsonBodyParser } from './platform/http/json-body.js';
import { sendProblem } from './platform/http/problem.js';
import { registerRequestTextGuard } from './platform/http/request-text.js';
import { PUBLIC, type RoutePolicy } from './platform/http/route-policy.js';
import { registerSecurityHeaders, securityHeaders } from './platform/http/security.js';
import { staffGates } from './platform/http/staff-gates.js';
import type { App } from './platform/http/types.js';
import { loggerOptions } from './platform/logger.js';
import { assertRegistry, type PersonalTable, personalDataSources } from './platform/personal-data.js';
import type { Job } from './platform/scheduler.js';

/**
 * Every area of the policy, each through its one public file (docs/decisions/005-area-boundaries.md).
 * Routes register in this order; the web area comes last (it serves the built assets).
 */
export const AREAS: readonly AreaManifest[] = [
  healthArea,
  auditArea,
  authArea,
  staffArea,
  settingsArea,
  familiesArea,
  calendarArea,
  notificationsArea,
  requestsArea,
  committeesArea,
  attestationsArea,
  portalArea,
  complaintsArea,
  compensationArea,
  surveysArea,
  savedViewsArea,
  documentsArea,
  erasureArea,
  privacyArea,
  acknowledgementsArea,
  setupArea,
  webArea,
];

/** Subscribes each area to the events and providers it needs, once per context (platform/hooks.ts). */
export function wireAreas(ctx: AppContext): void {
  ctx.hooks.wireOnce(() => {
    for (const area of AREAS) area.wire?.(ctx);
    // F2 (issue 25 §7): the record of processing reads every area's personal-data declarations.
    ctx.hooks.provide(processingSources, 'areas', () => [
      ...AREAS.map((area) => ({ area: area.name, tables: area.personalData ?? [], processing: area.processing })),
      { area: 'files', tables: FILE_STORE_PERSONAL_DATA, processing: filesProcessing(AREAS) },
    ]);
    // Issue 25 §5 (F2): the erasure area walks the whole registry and every area's legal holds.
    ctx.hooks.provide(personalDataSources, 'app', () => ({
      tables: personalDataRegistry(),
      holds: AREAS.flatMap((area) => area.erasureHolds ?? []),
    }));
  });
}

/** The background jobs of every area, for the one scheduler of `sila serve`. */
export function backgroundJobs(ctx: AppContext): Job[] {
  return AREAS.flatMap((area) => area.jobs?.(ctx) ?? []);
}

/** The personal-data registry: every area's declarations, plus the file store's (platform/personal-data.ts). */
export function personalDataRegistry(): PersonalTable[] {
  const tables = [...AREAS.flatMap((area) => area.personalData ?? []), ...FILE_STORE_PERSONAL_DATA];
  assertRegistry(tables);
  return tables;
}

export interface RegisteredRoute {
  method: string;
  url: string;
  policy: RoutePolicy | undefined;
  /** The content types its schema declares: `multipart/form-data` marks an upload route (tests/integration/upload-limits.test.ts). */
  consumes?: readonly string[];
}

declare module 'fastify' {
  interface FastifyInstance {
    silaRoutes: RegisteredRoute[];
  }
}

export interface BuildAppOptions {
  ctx: AppContext;
  /** Directory of the built browser app (dist/web); absent in API-only tests. */
  webDir?: string;
  logger?: FastifyServerOptions['logger'];
  /** A ready pino logger (tests capture logs with it); wins over `logger`. */
  loggerInstance?: FastifyBaseLogger;
}

/** Routes added by plugins we trust to be public (API docs, built assets). Everything else must declare a policy. */
const PLUGIN_PUBLIC_PREFIXES = ['/api/docs', '/assets/'];

/** Requests per minute per address on the API, a guard against runaway clients. */
const API_RATE_PER_MINUTE = 1200;

/** A ceiling for a multipart read that names none; every upload route reads through platform/files/uploads.ts with its own limit. */
const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** Body limit for JSON; file uploads get their own limits with the file store. */
const BODY_LIMIT_BYTES = 256 * 1024;

export async function buildApp({ ctx, webDir, logger, loggerInstance }: BuildAppOptions): Promise<App> {
  const isPublicUrlHttps = ctx.config.publicUrl?.startsWith('https:') ?? false;
  const routerErrorHeaders = securityHeaders();
  const app = Fastify({
    ...(loggerInstance ? { loggerInstance } : { logger: logger ?? loggerOptions(ctx.config.logLevel) }),
    logController: new LogController({ disableRequestLogging: true }),
    // Fastify also takes a hop count here; its types only list the other forms.
    trustProxy: ctx.config.trustProxy as boolean | string,
    bodyLimit: BODY_LIMIT_BYTES,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    routerOptions: { ignoreTrailingSlash: true },
    // Bad percent-encoding and over-long path parameters leave as problem+json too; the router
    // answers them before any hook, so the security headers are added here.
    frameworkErrors: (error, request, reply) => sendProblem(reply.headers(routerErrorHeaders), error, request),
  }).withTypeProvider<ZodTypeProvider>();

  registerJsonBodyParser(app);
  registerRequestTextGuard(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.decorate('silaRoutes', [] as RegisteredRoute[]);
  app.addHook('onRoute', (route) => {
    route.config ??= {};
    const config = route.config as { policy?: RoutePolicy };
    if (!config.policy && PLUGIN_PUBLIC_PREFIXES.some((prefix) => route.url.startsWith(prefix))) config.policy = PUBLIC;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const { consumes } = (route.schema ?? {}) as { consumes?: readonly string[] };
    for (const method of methods) app.silaRoutes.push({ method, url: route.url, policy: config.policy, consumes });
  });

  // Request logs at debug: at info they cost ~40 % of throughput (ARCHITECTURE.md).
  app.addHook('onResponse', async (request, reply) => {
    request.log.debug(
      { method: request.method, route: request.routeOptions.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
  });

  app.setErrorHandler((error, request, reply) => sendProblem(reply, error as Error, request));
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) return sendProblem(reply, AppError.notFound('not-found', 'No such endpoint'));
    return sendProblem(reply, AppError.notFound());
  });

  await registerSecurityHeaders(app, { isPublicUrlHttps });
  await registerCompression(app);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, parts: 6 } });
  // Per-address limits may be per instance (ARCHITECTURE.md "Throttling"); sign-in has a tighter
  // one of its own and a shared throttle in the database. Pages and assets outside /api/ are not
  // counted, unless their route declares a `rateLimit` of its own (the survey page `/s/<token>`).
  await app.register(rateLimit, {
    global: true,
    max: API_RATE_PER_MINUTE,
    timeWindow: '1 minute',
    allowList: (request) => !request.url.startsWith('/api/') && !request.routeOptions.config.rateLimit,
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error('Too many requests'), { statusCode: 429, code: 'SILA_RATE_LIMITED', retryAfter: context.after }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Sila API', version: '1', description: 'Beneficiary relationship system (صلة)' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sila_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(authPlugin, {
    sessions: ctx.sessions,
    loadStaff: (userId) => loadStaffPrincipal(ctx, userId),
    isPublicUrlHttps,
    gate: async (principal) => {
      for (const gate of ctx.hooks.providers(staffGates)) await gate(principal);
    },
  });

  app.get('/api/openapi.json', { config: { policy: PUBLIC }, schema: { hide: true } }, () => app.swagger());

  wireAreas(ctx);
  for (const area of AREAS) await area.routes?.(app, ctx, { webDir });

  await app.ready();
  return app;
}
