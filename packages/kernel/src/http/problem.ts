import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from '../errors.ts';
import type { FastifyBaseLogger } from 'fastify';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance: string;
  errors?: FieldError[];
}

export const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const FASTIFY_CODES: Record<string, [number, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'malformed_json'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'malformed_json'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid_content_length'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body_too_large'],
  FST_ERR_BAD_URL: [400, 'bad_url'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'uri_too_long'],
};

export function problem(status: number, code: string, detail: string, instance: string, errors?: FieldError[]): Problem {
  return {
    type: `https://mercato.dev/problems/${code}`,
    title: STATUS_TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    instance,
    ...(errors?.length ? { errors } : {}),
  };
}

/** Turns any thrown error into RFC 9457 problem+json: known ones keep their status, the rest are 500s. */
export function toProblem(error: unknown, url: string, logger: FastifyBaseLogger): Problem {
  if (error instanceof AppError) return problem(error.status, error.code, error.message, url, error.errors);
  const err = error as FastifyError & { validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'body';
    const errors = err.validation.map((v) => ({
      field: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
      message: v.message,
    }));
    return problem(400, 'validation_failed', `Invalid ${where}: ${errors.map((e) => e.field).join(', ')}`, url, errors);
  }
  if (err.validation) {
    const where = err.validationContext ?? 'body';
    return problem(400, 'validation_failed', err.message, url, [{ field: where, message: err.message }]);
  }
  const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
  if (mapped) return problem(mapped[0], mapped[1], err.message, url);
  if (err instanceof SyntaxError) return problem(400, 'malformed_json', err.message, url);
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    return problem(err.statusCode, (err.code ?? 'bad_request').toLowerCase(), err.message, url);
  }
  logger.error({ err }, 'unhandled error');
  return problem(500, 'internal_error', 'An unexpected error occurred', url);
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  // Every 503 is passing (a server restarting, an open circuit): tell clients when to come back.
  if (p.status === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', '1');
  return reply.code(p.status).type(PROBLEM_CONTENT_TYPE).send(p);
}

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply) {
  return sendProblem(reply, problem(404, 'not_found', `No route for ${req.method} ${req.url.split('?')[0]}`, req.url));
}
