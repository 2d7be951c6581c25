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
  type EventSchemas,
} from '@mercato/contracts';
import { clientAddress, notFound, adminOnly, requireUser, signedIn, type HttpApp, type ServiceContext } from '@mercato/kernel';
import { grantRoles } from '../app/grant-roles.ts';
import { refreshSession } from '../app/refresh-session.ts';
import { register } from '../app/register.ts';
import type { SessionTokens } from '../app/session-tokens.ts';
import { signIn } from '../app/sign-in.ts';
import { signOut } from '../app/sign-out.ts';
import { findUser, listUsers } from '../db/users-repo.ts';
import type { Throttle } from '../security/throttle.ts';

const tags = ['identity'];
const bearer = [{ bearerAuth: [] }];

export interface IdentityRouteDeps {
  tokens: SessionTokens;
  throttle: Throttle;
  jwks: JsonWebKeySet;
}

export function identityRoutes(app: HttpApp, ctx: ServiceContext<EventSchemas>, { tokens, throttle, jwks }: IdentityRouteDeps) {
  const { db } = ctx;

  app.post(
    '/api/auth/register',
    { schema: { tags, summary: 'Create a customer account', body: registerInput, response: { 201: user } } },
    async (req, reply) => reply.code(201).send(await register(ctx, throttle, req.body, clientAddress(req))),
  );

  app.post(
    '/api/auth/login',
    { schema: { tags, summary: 'Exchange email and password for tokens', body: loginInput, response: { 200: tokenPair } } },
    async (req, reply) => {
      const pair = await signIn(ctx, tokens, throttle, { ...req.body, address: clientAddress(req) });
      return reply.header('cache-control', 'no-store').send(pair);
    },
  );

  app.post(
    '/api/auth/refresh',
    { schema: { tags, summary: 'Rotate a refresh token for new tokens', body: refreshInput, response: { 200: tokenPair } } },
    async (req, reply) => reply.header('cache-control', 'no-store').send(await refreshSession(db, tokens, req.body.refreshToken)),
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags, summary: 'Revoke the session of a refresh token', body: refreshInput } },
    async (req, reply) => {
      await signOut(db, req.body.refreshToken);
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
    {
      ...adminOnly,
      schema: { tags, summary: 'List users (admin)', security: bearer, querystring: userListQuery, response: { 200: pageOf(user) } },
    },
    async (req) => {
      const { items, total } = await listUsers(db, req.query);
      return { items, page: req.query.page, pageSize: req.query.pageSize, total };
    },
  );

  app.put(
    '/api/users/:id/roles',
    {
      ...adminOnly,
      schema: {
        tags,
        summary: "Replace a user's roles (admin)",
        security: bearer,
        params: idParams,
        body: userRolesInput,
        response: { 200: user },
      },
    },
    async (req) => grantRoles(db, req.params.id, req.body.roles),
  );

  app.get(
    '/.well-known/jwks.json',
    { schema: { tags, summary: 'Public keys that verify access tokens', response: { 200: jsonWebKeySet } } },
    async (_req, reply) => reply.header('cache-control', 'public, max-age=300').send(jwks),
  );
}
