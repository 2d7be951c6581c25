import {
  idParams,
  idempotencyHeaders,
  order,
  orderListQuery,
  pageOf,
  placeOrderInput,
  product,
  promotionQuote,
  type EventSchemas,
  type PlaceOrderInput,
} from '@mercato/contracts';
import {
  AppError,
  assertSameRequest,
  conflict,
  fingerprint,
  isAdmin,
  isStaff,
  forbidden,
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
import { z } from 'zod';
import { findByIdempotencyKey, findOrder, insertOrder, listOrders, type StoredOrder } from '../db/orders-repo.ts';
import type { OrderTrigger } from '../domain/order-state.ts';
import { applyDiscount, priceOrder, taxOf } from '../domain/pricing.ts';
import { parseTaxRates, STANDARD_VAT_RATES, taxRateFor } from '../domain/tax.ts';
import { advance } from '../saga.ts';
import type { OrdersSettings } from '../settings.ts';

const catalogPage = z.object({ items: z.array(product) });

const tags = ['orders'];
/** How long a key is remembered in the cache; the database remembers it for good. */
const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
const bearer = [{ bearerAuth: [] }];

const view = ({ requestHash: _, promotionId: __, ...o }: StoredOrder) => o;

export function orderRoutes(app: HttpApp, ctx: ServiceContext<EventSchemas, OrdersSettings, 'catalog' | 'promotions'>) {
  const { db, outbox } = ctx;

  async function catalogPrices(productIds: string[]) {
    const page = await ctx.clients.catalog.call(catalogPage, {
      method: 'GET',
      path: '/api/products',
      query: { ids: productIds.join(','), pageSize: '100' },
    });
    return page.items;
  }

  /** A repeated Idempotency-Key answers with the order it created, provided the request is the same. */
  function replay(existing: StoredOrder, hash: string) {
    assertSameRequest(existing.requestHash, hash);
    return view(existing);
  }

  const idempotencyRecord = (customerId: string, key: string) => `orders:idempotency:${customerId}:${key}`;

  /**
   * The order a key already created, from the idempotency record in the cache (Redis when
   * distributed, so every replica sees it). The database's unique key stays the arbiter of races,
   * so an unreachable cache only costs the shortcut: the order is still placed once.
   */
  async function recorded(customerId: string, key: string, hash: string) {
    const record = await ctx.cache.get(idempotencyRecord(customerId, key)).catch((err) => {
      ctx.logger.warn({ err }, 'idempotency record unreadable; the database decides');
      return null;
    });
    if (!record) return null;
    const { orderId, requestHash } = JSON.parse(record) as { orderId: string; requestHash: string };
    const existing = await findOrder(db, orderId);
    return existing ? replay({ ...existing, requestHash }, hash) : null;
  }

  const taxRates = { ...STANDARD_VAT_RATES, ...parseTaxRates(ctx.settings.TAX_RATES) };

  /**
   * Holds the promotion of a code for the order about to be placed: promotions counts it against
   * its limits until the order is confirmed (used) or fails (free again); a hold whose order never
   * came to be expires. A code that does not apply is the customer's to fix: 422 on the field.
   */
  async function holdPromotion(authorization: string, code: string, orderId: string, subtotalCents: number, currency: string) {
    try {
      return await ctx.clients.promotions.call(promotionQuote, {
        method: 'POST',
        path: '/api/promotions/holds',
        headers: { authorization },
        body: { code, orderId, subtotalCents, currency },
      });
    } catch (e) {
      if (e instanceof AppError && (e.status === 404 || e.status === 409)) {
        throw unprocessable('promotion_not_applicable', e.message, [{ field: 'body.promoCode', message: e.message }]);
      }
      throw e;
    }
  }

  async function place(customer: Principal, authorization: string, key: string, body: PlaceOrderInput, hash: string) {
    const catalogPricing = priceOrder(body.items, await catalogPrices(body.items.map((i) => i.productId)));
    const rejected = catalogPricing.unknownProductIds.length > 0;
    const orderId = newId();
    const promotion =
      body.promoCode && !rejected
        ? await holdPromotion(authorization, body.promoCode, orderId, catalogPricing.subtotalCents, catalogPricing.currency)
        : null;
    const pricing = applyDiscount(catalogPricing, promotion?.discountCents ?? 0);
    const tax = taxOf(pricing, rejected ? 0 : taxRateFor(body.shippingAddress.country, taxRates));
    return db.transaction(async (tx) => {
      const created = await insertOrder(tx, {
        id: orderId,
        customerId: customer.userId,
        status: rejected ? 'REJECTED' : 'PENDING',
        statusReason: rejected ? 'unknown_product' : null,
        subtotalCents: pricing.subtotalCents,
        discountCents: pricing.subtotalCents - pricing.totalCents,
        promoCode: promotion?.code ?? null,
        promotionId: promotion?.promotionId ?? null,
        totalCents: pricing.totalCents,
        taxCents: tax.taxCents,
        taxRatePercent: tax.taxRatePercent,
        currency: pricing.currency,
        items: pricing.lines,
        shippingAddress: body.shippingAddress,
        paymentMethod: body.paymentMethod,
        idempotencyKey: key,
        requestHash: hash,
      });
      if (!created) return replay((await findByIdempotencyKey(tx, customer.userId, key))!, hash);
      const { customerId } = created;
      if (rejected) {
        outbox.emit(tx, 'order.rejected', orderId, { orderId, customerId, reason: 'unknown_product' });
      } else {
        const items = pricing.lines.map((l) => ({ productId: l.productId, quantity: l.quantity, unitPriceCents: l.unitPriceCents }));
        outbox.emit(tx, 'order.placed', orderId, { orderId, customerId, items, totalCents: pricing.totalCents, currency: pricing.currency });
      }
      tx.afterCommit(() => {
        void ctx.cache
          .set(idempotencyRecord(customerId, key), JSON.stringify({ orderId, requestHash: hash }), IDEMPOTENCY_TTL_MS)
          .catch((err) => ctx.logger.warn({ err }, 'could not record the idempotency key'));
      });
      return view(created);
    });
  }

  /**
   * A person's request to move an order: decided on the order under its row lock (so a cancellation
   * and a shipment at once never both happen), applied with its event, or refused.
   */
  async function request(id: string, decide: (found: StoredOrder | null) => OrderTrigger, refusal: (found: StoredOrder) => AppError) {
    return db.transaction(async (tx) => {
      const found = await findOrder(tx, id, true);
      const next = await advance(ctx, tx, found!, decide(found));
      if (!next) throw refusal(found!);
      return next;
    });
  }

  app.post(
    '/api/orders',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'Place an order (starts the checkout saga)',
        description: 'Prices come from the catalog. The same Idempotency-Key with the same body returns the same order; with another body, 422.',
        security: bearer,
        headers: idempotencyHeaders,
        body: placeOrderInput,
        response: { 202: order },
      },
    },
    async (req, reply) => {
      const customer = requireUser(req);
      const key = req.headers['idempotency-key'];
      const hash = fingerprint(req.body);
      const result = (await recorded(customer.userId, key, hash)) ?? (await place(customer, req.headers.authorization!, key, req.body, hash));
      return reply.code(202).header('location', `/api/orders/${result.id}`).send(result);
    },
  );

  app.get(
    '/api/orders',
    { ...signedIn, schema: { tags, summary: "The caller's orders, newest first (admins and ops: all=true for everyone's); filter by status and by from <= placed < to", security: bearer, querystring: orderListQuery, response: { 200: pageOf(order) } } },
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
      return { items: items.map(view), page: req.query.page, pageSize: req.query.pageSize, total };
    },
  );

  app.get(
    '/api/orders/:id',
    { ...signedIn, schema: { tags, summary: 'One order with its status history (owner, admin or ops)', security: bearer, params: idParams, response: { 200: order } } },
    async (req) => {
      const found = await findOrder(db, req.params.id);
      requireOwner(req, found?.customerId, 'Order', isStaff);
      return view(found!);
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
    async (req, reply) => {
      const result = await request(
        req.params.id,
        (found) => {
          const caller = requireOwner(req, found?.customerId, 'Order', isStaff);
          const own = caller.userId === found!.customerId;
          if (!own && !isAdmin(caller)) throw forbidden("Only an admin may cancel a customer's order");
          return { kind: 'cancel', reason: own ? 'customer_cancelled' : 'admin_cancelled' };
        },
        (found) => conflict('order_not_cancellable', `An order in status ${found.status} cannot be cancelled`),
      );
      return reply.code(202).send(view(result));
    },
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
    async (req, reply) => {
      const result = await request(
        req.params.id,
        (found) => {
          if (!found) throw notFound('Order');
          return { kind: 'ship' };
        },
        (found) => conflict('order_not_shippable', `An order in status ${found.status} cannot be shipped; only a CONFIRMED one can`),
      );
      return reply.code(202).send(view(result));
    },
  );
}
