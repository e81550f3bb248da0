import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from './app-error.js';
import type { FamilyPrincipal, StaffPrincipal } from './principal.js';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** The signed-in staff member of a route whose policy already required one. */
export function staffOf(request: FastifyRequest): StaffPrincipal {
  const principal = request.principal;
  if (principal.kind !== 'staff') throw AppError.unauthenticated();
  return principal;
}

/** The signed-in family of a portal route whose policy already required one (issue 5 §2). */
export function familyOf(request: FastifyRequest): FamilyPrincipal {
  const principal = request.principal;
  if (principal.kind !== 'family') throw AppError.unauthenticated();
  return principal;
}
