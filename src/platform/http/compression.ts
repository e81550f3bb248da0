import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/**
 * Brotli or gzip for what a browser downloads (issue 27 §8): pages, CSS, JS, SVG and JSON, chosen
 * from the request's `accept-encoding`; zstd and deflate are not offered.
 *
 * What is left alone, by @fastify/compress's own rules: a response that already names its
 * `content-encoding`, partial content (206 / `content-range`), a body under 1 KB, and any type
 * mime-db does not call compressible — the file store's PDFs and images, .xlsx workbooks and the
 * fonts (woff2) are compressed formats already and leave as they are, still attachments. Brotli at
 * quality 4 (the plugin's default): close to gzip's speed, smaller output.
 *
 * Compressed request bodies are refused rather than inflated (`globalDecompression: false`): no
 * client of ours sends one, and inflating would let a small upload outgrow the body limits.
 *
 * BREACH needs an attacker's guesses sent with the victim's cookies; the session cookies are
 * SameSite=Lax, so another site's fetches arrive without them.
 *
 * Registered before any route: the plugin attaches itself to each route as it is added.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    globalCompression: true,
    encodings: ['br', 'gzip'],
    globalDecompression: false,
  });
}
