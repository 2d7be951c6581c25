import type { FastifyRequest } from 'fastify';

/** The address of the client a request comes from, for throttles and rate limits. */
export function clientAddress(req: FastifyRequest): string {
  return req.ip;
}
