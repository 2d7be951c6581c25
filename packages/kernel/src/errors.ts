/** A field-level problem, reported inside a problem+json body so clients can show it next to the input. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * The one error type of Mercato. The HTTP layer turns it into an RFC 9457 problem+json
 * body; `code` is the stable, machine-readable part clients switch on.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: FieldError[],
    /** Sent as Retry-After: when a refused client may try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, errors?: FieldError[]) => new AppError(400, code, message, errors);
export const unauthorized = (message = 'Authentication required') => new AppError(401, 'unauthorized', message);
export const forbidden = (message = 'You are not allowed to do this') => new AppError(403, 'forbidden', message);
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
export const unprocessable = (code: string, message: string, errors?: FieldError[]) => new AppError(422, code, message, errors);
export const tooManyRequests = (code: string, message: string, retryAfterSeconds: number) =>
  new AppError(429, code, message, undefined, retryAfterSeconds);
export const unavailable = (code: string, message: string) => new AppError(503, code, message);
