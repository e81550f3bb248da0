import type { FastifyServerOptions } from 'fastify';

/**
 * Structured logs without personal data (issue 2 §7): request bodies, cookies and the
 * authorisation headers are never logged, and fields that could carry personal data are
 * redacted wherever they appear.
 */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.nationalId',
  '*.mobile',
  '*.phone',
  '*.email',
  '*.name',
  '*.code',
  '*.token',
  // PostgreSQL errors repeat the offending row's values in `detail` and `where`.
  'err.detail',
  'err.where',
  '*.detail',
];

/** Paths that carry a secret: the survey answer page `/s/<token>`. */
export function redactPath(path: string): string {
  return path.replace(/^\/s\/[^/]+/, '/s/[redacted]');
}

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      // The URL may hold a query; we keep only the path. A survey link's path is its token (issue 24 §4): redacted.
      req: (req: { method: string; url: string }) => ({ method: req.method, path: redactPath(req.url.split('?')[0] ?? '') }),
    },
  };
}
