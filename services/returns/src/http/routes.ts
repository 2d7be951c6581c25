import {
  idParams,
  idempotencyHeaders,
  pageOf,
  returnDecisionInput,
  returnListQuery,
  returnRequestInput,
  returnView,
} from '@mercato/contracts';
import { isStaff, requireOwner, requireUser, signedIn, staffOnly, type HttpApp } from '@mercato/kernel';
import { approveReturn } from '../app/approve-return.ts';
import { cancelReturn } from '../app/cancel-return.ts';
import type { ReturnsContext } from '../app/context.ts';
import { receiveReturn } from '../app/receive-return.ts';
import { rejectReturn } from '../app/reject-return.ts';
import { requestReturn } from '../app/request-return.ts';
import { findReturn, listReturns, viewOf } from '../db/returns-repo.ts';

const tags = ['returns'];
const security = [{ bearerAuth: [] }];

export function returnsRoutes(app: HttpApp, ctx: ReturnsContext) {
  const { db } = ctx;

  app.post(
    '/api/returns',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Ask to return items of a delivered order, within RETURN_WINDOW of delivery',
        description: 'The same Idempotency-Key with the same body returns the same return; with another body, 422.',
        security,
        headers: idempotencyHeaders,
        body: returnRequestInput,
        response: { 201: returnView },
      },
    },
    async (req, reply) => {
      const { result } = await requestReturn(ctx, {
        customer: requireUser(req),
        authorization: req.headers.authorization ?? '',
        idempotencyKey: req.headers['idempotency-key'],
        body: req.body,
      });
      return reply.code(201).header('location', `/api/returns/${result.id}`).send(result);
    },
  );

  app.get(
    '/api/returns',
    {
      ...signedIn,
      schema: {
        tags,
        summary: "The caller's returns, newest first (every customer's for admins and ops); filter by order and status",
        security,
        querystring: returnListQuery,
        response: { 200: pageOf(returnView) },
      },
    },
    async (req) => {
      const caller = requireUser(req);
      const { items, total } = await listReturns(db, { ...req.query, customerId: isStaff(caller) ? undefined : caller.userId });
      return { items: items.map(viewOf), page: req.query.page, pageSize: req.query.pageSize, total };
    },
  );

  app.get(
    '/api/returns/:id',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'One return with its history (owner, admin or ops)',
        security,
        params: idParams,
        response: { 200: returnView },
      },
    },
    async (req) => {
      const found = await findReturn(db, req.params.id);
      requireOwner(req, found?.customerId, 'Return', isStaff);
      return viewOf(found!);
    },
  );

  const STAFF_STEPS = [
    ['approve', 'Approve a return (admin or ops): the customer may send the items back', approveReturn],
    ['reject', 'Reject a return (admin or ops), with a note the customer reads', rejectReturn],
    ['receive', 'Record that the returned items arrived (admin or ops): they are restocked and their price refunded', receiveReturn],
  ] as const;
  for (const [action, summary, command] of STAFF_STEPS) {
    app.post(
      `/api/returns/:id/${action}`,
      { ...staffOnly, schema: { tags, summary, security, params: idParams, body: returnDecisionInput, response: { 200: returnView } } },
      async (req) => command(ctx, req.params.id, req.body?.note ?? null),
    );
  }

  app.post(
    '/api/returns/:id/cancel',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Withdraw a return (its customer) until the items are received',
        security,
        params: idParams,
        response: { 200: returnView },
      },
    },
    async (req) => cancelReturn(ctx, requireUser(req), req.params.id),
  );
}
