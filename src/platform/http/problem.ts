import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from './app-error.js';

/**
 * One error handler (ARCHITECTURE.md "Errors"): our AppError, zod failures and Fastify's own
 * errors all leave as RFC 9457 problem+json with a stable `code` the UI translates.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(
  status: number,
  code: string,
  detail: string,
  errors: FieldError[] = [],
  extensions: Record<string, unknown> = {},
): Problem {
  return {
    ...extensions,
    type: `urn:sila:problem:${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    ...(errors.length ? { errors } : {}),
  };
}

const FIELD_CODE = /^[a-z][a-zA-Z-]*(\.[a-zA-Z-]+)+$/;

interface ZodLikeIssue {
  keyword: string;
  instancePath: string;
  message: string;
  params: Record<string, unknown>;
}

const ISSUE_CODES: Record<string, string> = {
  too_small: 'field.too-short',
  too_big: 'field.too-long',
  invalid_format: 'field.invalid-format',
  invalid_value: 'field.invalid-choice',
};

function issueToFieldErrors(issue: ZodLikeIssue): FieldError[] {
  const base = issue.instancePath === '/' ? '' : issue.instancePath;
  if (issue.keyword === 'unrecognized_keys') {
    const keys = (issue.params.keys as string[] | undefined) ?? [];
    return keys.map((key) => ({ pointer: `${base}/${key}`, code: 'field.unknown', detail: `Unknown field "${key}"` }));
  }
  const pointer = base || '/';
  // Our schemas give stable codes as messages (e.g. 'password.common', 'field.required').
  if (FIELD_CODE.test(issue.message)) return [{ pointer, code: issue.message, detail: issue.message }];
  const code =
    issue.keyword === 'invalid_type'
      ? /received undefined/.test(issue.message)
        ? 'field.required'
        : 'field.invalid-type'
      : (ISSUE_CODES[issue.keyword] ?? 'field.invalid');
  return [{ pointer, code, detail: issue.message }];
}

/** One error per field (the first zod reports), so a person sees one sentence under each input. */
function fieldErrorsFromZod(issues: ZodLikeIssue[]): FieldError[] {
  const seen = new Set<string>();
  return issues.flatMap(issueToFieldErrors).filter((e) => {
    if (seen.has(e.pointer)) return false;
    seen.add(e.pointer);
    return true;
  });
}

/**
 * The same field errors for a zod result checked outside a route (e.g. each row of an imported
 * sheet), so rows and requests speak the same codes.
 */
export function fieldErrorsFromZodIssues(
  issues: ReadonlyArray<{ code: string; path: PropertyKey[]; message: string; keys?: string[] }>,
): FieldError[] {
  return fieldErrorsFromZod(
    issues.map((issue) => ({
      keyword: issue.code,
      instancePath: `/${issue.path.map(String).join('/')}`,
      message: issue.message,
      params: { keys: issue.keys },
    })),
  );
}

/** Maps Fastify's own error codes to ours. */
const FASTIFY_CODES: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'request.too-large', 'The request body is larger than allowed'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'request.unsupported-media-type', 'This content type is not accepted here'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'request.invalid-length', 'The content length does not match the body'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'request.empty-body', 'The JSON body is empty'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'request.malformed-json', 'The body is not valid JSON'],
  FST_ERR_CTP_EMPTY_TYPE: [400, 'request.empty-content-type', 'The content type is empty'],
  FST_ERR_CTP_INVALID_TYPE: [400, 'request.invalid-content-type', 'The content type is not valid'],
  FST_ERR_VALIDATION: [400, 'request.invalid', 'The request is not valid'],
  FST_ERR_NOT_FOUND: [404, 'not-found', 'Not found'],
  // The router's own refusals, which reach us through `frameworkErrors` (app.ts).
  FST_ERR_BAD_URL: [400, 'request.bad-url', 'The address is not validly percent-encoded'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'request.uri-too-long', 'A part of the address is longer than allowed'],
  FST_REQ_FILE_TOO_LARGE: [413, 'file.too-large', 'The file is larger than allowed'],
  FST_FILES_LIMIT: [413, 'file.too-many', 'Too many files'],
  FST_PARTS_LIMIT: [413, 'request.too-many-parts', 'Too many parts'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [415, 'request.not-multipart', 'The request is not multipart'],
};

export function toProblem(error: FastifyError | AppError | Error): { problem: Problem; headers: Record<string, string> } {
  if (error instanceof AppError) {
    return { problem: problem(error.status, error.code, error.detail, error.errors, error.extensions), headers: error.headers };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = fieldErrorsFromZod(error.validation as unknown as ZodLikeIssue[]);
    return { problem: problem(400, 'request.invalid', 'Some fields are not valid', errors), headers: {} };
  }
  const fastifyError = error as FastifyError;
  const mapped = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (mapped) return { problem: problem(mapped[0], mapped[1], mapped[2]), headers: {} };
  if (fastifyError.statusCode === 429) {
    return { problem: problem(429, 'request.rate-limited', 'Too many requests; try again shortly'), headers: {} };
  }
  const status = fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500 ? fastifyError.statusCode : 500;
  if (status === 500) return { problem: problem(500, 'internal', 'Something went wrong on our side'), headers: {} };
  return { problem: problem(status, 'request.invalid', 'The request could not be processed'), headers: {} };
}

export function sendProblem(reply: FastifyReply, error: Error, request?: FastifyRequest): FastifyReply {
  const { problem: body, headers } = toProblem(error);
  if (body.status >= 500) request?.log.error({ err: error }, 'request failed');
  return reply.code(body.status).headers(headers).type('application/problem+json; charset=utf-8').send(body);
}
