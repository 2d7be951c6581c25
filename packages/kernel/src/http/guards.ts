import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { forbidden, notFound, unauthorized } from '../errors.ts';
import { isAdmin, isStaff, type Principal, type Role } from '../auth/principal.ts';

export function requireUser(req: FastifyRequest): Principal {
  if (!req.principal) throw unauthorized();
  return req.principal;
}

export function requireRole(req: FastifyRequest, role: Role): Principal {
  const p = requireUser(req);
  if (!p.roles.includes(role)) throw forbidden(`This needs the ${role} role`);
  return p;
}

export function requireStaff(req: FastifyRequest): Principal {
  const p = requireUser(req);
  if (!isStaff(p)) throw forbidden('This needs the admin or ops role');
  return p;
}

/**
 * Owner-or-admin access to a resource (owner-or-staff with `seesEveryones` = isStaff). Someone else's resource answers 404, not 403,
 * so ids of other customers' data cannot be probed.
 */
export function requireOwner(
  req: FastifyRequest,
  ownerId: string | undefined,
  what: string,
  seesEveryones: (p: Principal) => boolean = isAdmin,
): Principal {
  const p = requireUser(req);
  if (ownerId === undefined || (ownerId !== p.userId && !seesEveryones(p))) throw notFound(what);
  return p;
}

/**
 * Route options that check access before the body is validated, so an anonymous or
 * unprivileged caller gets 401/403, never a lesson in the schema of a route it cannot use.
 */
// A check that throws is the hook's error: Fastify answers it before the body is validated.
const before = (check: (req: FastifyRequest) => unknown) => ({
  preValidation: (req: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    check(req);
    done();
  },
});

export const signedIn = before(requireUser);

export const adminOnly = before((req) => requireRole(req, 'admin'));

export const staffOnly = before(requireStaff);

/**
 * A route between services: it demands the installation's service credential (401 without, 403 when
 * wrong; checked by the HTTP factory), lives under /internal/ and is left out of the API docs. The
 * gateway never routes /internal/, so no customer reaches it, whatever they send.
 */
export const internalOnly = {
  config: { internal: true },
};
