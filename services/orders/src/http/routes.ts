import { idParams, idempotencyHeaders, order, orderListQuery, pageOf, placeOrderInput } from '@mercato/contracts';
import { isStaff, requireOwner, requireUser, signedIn, staffOnly, type HttpApp } from '@mercato/kernel';
import { cancelOrder } from '../app/cancel-order.ts';
import type { OrdersContext } from '../app/context.ts';
import { publicOrder } from '../app/order-view.ts';
import { placeOrder } from '../app/place-order.ts';
import { shipOrder } from '../app/ship-order.ts';
import { findOrder, listOrders } from '../db/orders-repo.ts';

const tags = ['orders'];
const bearer = [{ bearerAuth: [] }];

export function orderRoutes(app: HttpApp, ctx: OrdersContext) {
  const { db } = ctx;

  app.post(
    '/api/orders',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Place an order (starts the checkout saga)',
        description:
          'Prices come from the catalog. The same Idempotency-Key with the same body returns the same order; with another body, 422.',
        security: bearer,
        headers: idempotencyHeaders,
        body: placeOrderInput,
        response: { 202: order },
      },
    },
    async (req, reply) => {
      const placed = await placeOrder(ctx, {
        customer: requireUser(req),
        authorization: req.headers.authorization!,
        idempotencyKey: req.headers['idempotency-key'],
        body: req.body,
      });
      return reply.code(202).header('location', `/api/orders/${placed.id}`).send(placed);
    },
  );

  app.get(
    '/api/orders',
    {
      ...signedIn,
      schema: {
        tags,
        summary: "The caller's orders, newest first (admins and ops: all=true for everyone's); filter by status and by from <= placed < to",
        security: bearer,
        querystring: orderListQuery,
        response: { 200: pageOf(order) },
      },
    },
    async (req) => {
      const caller = requireUser(req);
      const everyone = req.query.all === 'true' && isStaff(caller);
      const { items, total } = await listOrders(db, {
        customerId: everyone ? undefined : caller.userId,
        status: req.query.status,
        from: req.query.from,
        to: req.query.to,
        page: req.query.page,
        pageSize: req.query.pageSize,
      });
      return { items: items.map(publicOrder), page: req.query.page, pageSize: req.query.pageSize, total };
    },
  );

  app.get(
    '/api/orders/:id',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'One order with its status history (owner, admin or ops)',
        security: bearer,
        params: idParams,
        response: { 200: order },
      },
    },
    async (req) => {
      const found = await findOrder(db, req.params.id);
      requireOwner(req, found?.customerId, 'Order', isStaff);
      return publicOrder(found!);
    },
  );

  app.post(
    '/api/orders/:id/cancel',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Cancel an order before shipment (owner or admin): releases stock, refunds a capture',
        security: bearer,
        params: idParams,
        response: { 202: order },
      },
    },
    async (req, reply) => reply.code(202).send(await cancelOrder(ctx, requireUser(req), req.params.id)),
  );

  app.post(
    '/api/orders/:id/ship',
    {
      ...staffOnly,
      schema: {
        tags,
        summary: 'Hand a confirmed order to the carrier (admin or ops): it can no longer be cancelled, and shipping buys its label',
        security: bearer,
        params: idParams,
        response: { 202: order },
      },
    },
    async (req, reply) => reply.code(202).send(await shipOrder(ctx, req.params.id)),
  );
}
