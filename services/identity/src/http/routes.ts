import {
  idParams,
  jsonWebKeySet,
  type JsonWebKeySet,
  loginInput,
  pageOf,
  refreshInput,
  registerInput,
  tokenPair,
  user,
  userListQuery,
  userRolesInput,
} from '@mercato/contracts';
import { conflict, notFound, adminOnly, requireUser, signedIn, type HttpApp, type ServiceContext } from '@mercato/kernel';
import { createUser } from '../accounts.ts';
import { findUser, listUsers, setUserRoles } from '../db/users-repo.ts';
import type { Sessions } from '../sessions.ts';

const tags = ['identity'];
const bearer = [{ bearerAuth: [] }];

export function identityRoutes(app: HttpApp, ctx: ServiceContext, sessions: Sessions, jwks: JsonWebKeySet) {
  const { db } = ctx;

  app.post(
    '/api/auth/register',
    { schema: { tags, summary: 'Create a customer account', body: registerInput, response: { 201: user } } },
    async (req, reply) => {
      const created = await createUser(ctx, req.body, ['customer']);
      if (!created) throw conflict('email_taken', 'An account with this email already exists');
      return reply.code(201).send(created);
    },
  );

  app.post(
    '/api/auth/login',
    { schema: { tags, summary: 'Exchange email and password for tokens', body: loginInput, response: { 200: tokenPair } } },
    async (req, reply) => reply.header('cache-control', 'no-store').send(await sessions.login(req.body.email, req.body.password)),
  );

  app.post(
    '/api/auth/refresh',
    { schema: { tags, summary: 'Rotate a refresh token for new tokens', body: refreshInput, response: { 200: tokenPair } } },
    async (req, reply) => reply.header('cache-control', 'no-store').send(await sessions.refresh(req.body.refreshToken)),
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags, summary: 'Revoke the session of a refresh token', body: refreshInput } },
    async (req, reply) => {
      await sessions.logout(req.body.refreshToken);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/users/me',
    { ...signedIn, schema: { tags, summary: 'The signed-in user', security: bearer, response: { 200: user } } },
    async (req) => {
      const found = await findUser(db, requireUser(req).userId);
      if (!found) throw notFound('User');
      return found;
    },
  );

  app.get(
    '/api/users',
    { ...adminOnly, schema: { tags, summary: 'List users (admin)', security: bearer, querystring: userListQuery, response: { 200: pageOf(user) } } },
    async (req) => {
      const { items, total } = await listUsers(db, req.query);
      return { items, page: req.query.page, pageSize: req.query.pageSize, total };
    },
  );

  app.put(
    '/api/users/:id/roles',
    { ...adminOnly, schema: { tags, summary: "Replace a user's roles (admin)", security: bearer, params: idParams, body: userRolesInput, response: { 200: user } } },
    async (req) => {
      const updated = await setUserRoles(db, req.params.id, req.body.roles);
      if (!updated) throw notFound('User');
      return updated;
    },
  );

  app.get(
    '/.well-known/jwks.json',
    { schema: { tags, summary: 'Public keys that verify access tokens', response: { 200: jsonWebKeySet } } },
    async (_req, reply) => reply.header('cache-control', 'public, max-age=300').send(jwks),
  );
}
