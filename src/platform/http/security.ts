import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { isSecureRequest } from './auth-plugin.js';

/**
 * Security headers (issue 2 §6): a CSP without inline scripts, nosniff, no framing, and HSTS only
 * when the request came over TLS (directly or through a trusted proxy).
 */
export async function registerSecurityHeaders(app: FastifyInstance, { isPublicUrlHttps }: { isPublicUrlHttps: boolean }): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        // React and Mantine set style attributes; no inline <script> is ever allowed.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    hsts: false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
  });
  app.addHook('onSend', async (request, reply) => {
    if (isSecureRequest(request, isPublicUrlHttps)) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
}
