/**
 * The one error type (STYLE.md 5). `code` is stable and translated by the UI; `detail` is for
 * developers and logs and never carries personal data.
 */
export interface FieldError {
  pointer: string;
  code: string;
  detail: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
    /** RFC 9457 extension members (e.g. the id of an existing record the caller may open). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'AppError';
  }

  static badRequest(code: string, detail: string, errors: FieldError[] = []) {
    return new AppError(400, code, detail, errors);
  }
  static unauthenticated(code = 'auth.required', detail = 'Sign in to continue') {
    return new AppError(401, code, detail);
  }
  static forbidden(code = 'auth.forbidden', detail = 'You do not have permission to do this', errors: FieldError[] = []) {
    return new AppError(403, code, detail, errors);
  }
  /** Also the answer for records outside the caller's scope: existence is not revealed. */
  static notFound(code = 'not-found', detail = 'Not found') {
    return new AppError(404, code, detail);
  }
  static conflict(code: string, detail: string) {
    return new AppError(409, code, detail);
  }
  static unprocessable(code: string, detail: string, errors: FieldError[] = []) {
    return new AppError(422, code, detail, errors);
  }
  static tooManyRequests(code: string, detail: string, retryAfterSeconds: number) {
    return new AppError(429, code, detail, [], { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) });
  }
}
