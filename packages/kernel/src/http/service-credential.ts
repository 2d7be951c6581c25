import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction, RouteOptions } from 'fastify';
import { AppError } from '../errors.ts';

/** Where every route between services lives: the gateway routes none of it, in either mode. */
export const INTERNAL_PREFIX = '/internal/';

/** The installation's shared secret, as a service client sends it. */
export const SERVICE_CREDENTIAL_HEADER = 'x-service-credential';
/** The calling service's name, for the callee's logs; it proves nothing. */
export const SERVICE_CALLER_HEADER = 'x-service-name';

/** What a service client sends with every call: the installation's secret and who is calling. */
export interface ServiceCredential {
  secret: string;
  caller: string;
}

export function serviceCredentialHeaders(credential: ServiceCredential): Record<string, string> {
  return { [SERVICE_CREDENTIAL_HEADER]: credential.secret, [SERVICE_CALLER_HEADER]: credential.caller };
}

/** One process needs no shared secret from outside: a fresh one per start, never written anywhere. */
export function generatedServiceSecret(): string {
  return randomBytes(32).toString('base64url');
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by the `internalOnly` route option: callers must present the service credential. */
    internal?: boolean;
  }
}

// Hashing first gives both sides the same length, so the comparison takes the same time whatever was sent.
const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * The onRequest check of a route marked internal: no credential is 401, a wrong one 403, before the
 * body is read. The caller's name goes into the request's log lines.
 */
function serviceCredentialCheck(secret: string) {
  const expected = digest(secret);
  return (req: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const sent = req.headers[SERVICE_CREDENTIAL_HEADER];
    if (typeof sent !== 'string' || !sent) {
      throw new AppError(401, 'service_credential_required', 'This route is for Mercato services only: send the service credential');
    }
    if (!timingSafeEqual(digest(sent), expected)) {
      throw new AppError(403, 'service_credential_invalid', 'The service credential is not this installation’s');
    }
    const caller = req.headers[SERVICE_CALLER_HEADER];
    req.log = req.log.child({ caller: typeof caller === 'string' ? caller.slice(0, 40) : 'unnamed' });
    done();
  };
}

/**
 * Keeps the two kinds of routes apart at registration: an internal route lives under /internal/, is
 * hidden from the OpenAPI document, needs an app that knows the secret and gets the credential check
 * as its first onRequest hook (public routes pay nothing for it); a public route never lives under /internal/.
 */
export function checkInternalRoute(route: RouteOptions, secret: string | undefined) {
  const name = `${String(route.method)} ${route.url}`;
  const under = route.url.startsWith(INTERNAL_PREFIX);
  const internal = route.config?.internal === true;
  if (under !== internal) {
    throw new Error(`${name}: routes under ${INTERNAL_PREFIX} and only they take the internalOnly option`);
  }
  if (!internal) return;
  if (secret === undefined) throw new Error(`${name} is internal, but this app was given no service secret`);
  route.schema = { ...route.schema, hide: true };
  const own = route.onRequest === undefined ? [] : [route.onRequest].flat();
  route.onRequest = [serviceCredentialCheck(secret), ...own];
}
