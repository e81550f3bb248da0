import type { FastifyInstance } from 'fastify';
import sjson from 'secure-json-parse';
import { AppError } from './app-error.js';

/**
 * Our own JSON body parser, so that malformed JSON and prototype-poisoning keys (`__proto__`,
 * `constructor.prototype`) get distinct problem codes. Other text types are refused (415) rather
 * than parsed as strings.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(AppError.badRequest('request.empty-body', 'The JSON body is empty'), undefined);
    try {
      done(null, sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
    } catch (error) {
      const isPoison = error instanceof SyntaxError && /prototype|constructor/i.test(error.message);
      done(
        isPoison
          ? AppError.badRequest('request.forbidden-property', 'The body contains a forbidden property name (__proto__ or constructor)')
          : AppError.badRequest('request.malformed-json', 'The body is not valid JSON'),
        undefined,
      );
    }
  });
}
