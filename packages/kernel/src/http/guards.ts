import type { FastifyRequest } from 'fastify';
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
export const signedIn = {
  preValidation: async (req: FastifyRequest) => {
    requireUser(req);
  },
};

export const adminOnly = {
  preValidation: async (req: FastifyRequest) => {
    requireRole(req, 'admin');
  },
};

export const staffOnly = {
  preValidation: async (req: FastifyRequest) => {
    requireStaff(req);
  },
};
