import {
  idParams,
  idempotencyHeaders,
  pageOf,
  returnDecisionInput,
  returnListQuery,
  returnRequestInput,
  returnView,
  order as orderSchema,
  type EventSchemas,
  type Order,
  type ReturnRequestInput,
} from '@mercato/contracts';
import {
  AppError,
  assertSameRequest,
  conflict,
  fingerprint,
  isStaff,
  newId,
  notFound,
  requireOwner,
  requireUser,
  signedIn,
  staffOnly,
  unprocessable,
  type HttpApp,
  type Principal,
  type ServiceContext,
} from '@mercato/kernel';
import type { FastifyRequest } from 'fastify';
import { claimedLines, findByIdempotencyKey, findReturn, insertReturn, listReturns, lockOrderReturns, type StoredReturn } from '../db/returns-repo.ts';
import { planReturn } from '../domain/returnable.ts';
import type { ReturnAction } from '../domain/return-state.ts';
import { advanceReturn } from '../steps.ts';
import type { ReturnsSettings } from '../settings.ts';

const tags = ['returns'];
const security = [{ bearerAuth: [] }];

const view = ({ requestHash: _, ...r }: StoredReturn) => r;

export function returnsRoutes(app: HttpApp, ctx: ServiceContext<EventSchemas, ReturnsSettings, 'orders'>) {
  const { db } = ctx;

  /** The order as its owner sees it: orders decides who may read it, so another customer's is a 404 here too. */
  async function orderOf(req: FastifyRequest, customer: Principal, orderId: string): Promise<Order> {
    const order = await ctx.clients.orders
      .call(orderSchema, { method: 'GET', path: `/api/orders/${orderId}`, headers: { authorization: req.headers.authorization! } })
      .catch((e: unknown) => {
        throw e instanceof AppError && e.status === 404 ? notFound('Order') : e;
      });
    if (order.customerId !== customer.userId) throw notFound('Order');
    return order;
  }

  function replay(existing: StoredReturn, hash: string) {
    assertSameRequest(existing.requestHash, hash);
    return view(existing);
  }

  async function request(req: FastifyRequest, customer: Principal, key: string, body: ReturnRequestInput, hash: string) {
    const order = await orderOf(req, customer, body.orderId);
    return db.transaction(async (tx) => {
      await lockOrderReturns(tx, order.id);
      const again = await findByIdempotencyKey(tx, customer.userId, key);
      if (again) return replay(again, hash);
      const plan = planReturn(order, body.items, await claimedLines(tx, order.id), Date.now(), ctx.settings.RETURN_WINDOW);
      if (!plan.ok) throw 'errors' in plan ? unprocessable(plan.code, plan.message, plan.errors) : conflict(plan.code, plan.message);
      const created = await insertReturn(tx, {
        id: newId(),
        orderId: order.id,
        customerId: customer.userId,
        reason: body.reason,
        comment: body.comment ?? null,
        items: plan.lines,
        refundCents: plan.refundCents,
        currency: plan.currency,
        idempotencyKey: key,
        requestHash: hash,
      });
      return view(created!);
    });
  }

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
      const customer = requireUser(req);
      const key = req.headers['idempotency-key'];
      const hash = fingerprint(req.body);
      const existing = await findByIdempotencyKey(db, customer.userId, key);
      const result = existing ? replay(existing, hash) : await request(req, customer, key, req.body, hash);
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
      return { items: items.map(view), page: req.query.page, pageSize: req.query.pageSize, total };
    },
  );

  app.get(
    '/api/returns/:id',
    { ...signedIn, schema: { tags, summary: 'One return with its history (owner, admin or ops)', security, params: idParams, response: { 200: returnView } } },
    async (req) => {
      const found = await findReturn(db, req.params.id);
      requireOwner(req, found?.customerId, 'Return', isStaff);
      return view(found!);
    },
  );

  /** A step of a return: found (or 404), allowed (or 409), applied with its event in one transaction. */
  async function step(id: string, action: ReturnAction, note: string | null, allowed: (r: StoredReturn) => void) {
    return db.transaction(async (tx) => {
      const found = await findReturn(tx, id);
      if (!found) throw notFound('Return');
      allowed(found);
      const next = await advanceReturn(ctx, tx, found, action, note);
      if (!next) throw conflict('return_not_allowed', `A return in status ${found.status} cannot be ${PAST[action]}`);
      return view(next);
    });
  }

  const PAST: Record<ReturnAction, string> = { approve: 'approved', reject: 'rejected', receive: 'received', cancel: 'cancelled', refunded: 'refunded' };
  const STAFF_STEPS = [
    ['approve', 'Approve a return (admin or ops): the customer may send the items back'],
    ['reject', 'Reject a return (admin or ops), with a note the customer reads'],
    ['receive', 'Record that the returned items arrived (admin or ops): they are restocked and their price refunded'],
  ] as const;
  for (const [action, summary] of STAFF_STEPS) {
    app.post(
      `/api/returns/:id/${action}`,
      { ...staffOnly, schema: { tags, summary, security, params: idParams, body: returnDecisionInput, response: { 200: returnView } } },
      async (req) => step(req.params.id, action, req.body?.note ?? null, () => {}),
    );
  }

  app.post(
    '/api/returns/:id/cancel',
    { ...signedIn, schema: { tags, summary: 'Withdraw a return (its customer) until the items are received', security, params: idParams, response: { 200: returnView } } },
    async (req) => {
      const caller = requireUser(req);
      return step(req.params.id, 'cancel', null, (r) => {
        if (r.customerId !== caller.userId) throw notFound('Return');
      });
    },
  );
}
