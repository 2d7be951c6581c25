import { product, promotionQuote, type Order, type PlaceOrderInput } from '@mercato/contracts';
import { AppError, idempotentCommand, newId, unprocessable, type IdempotencyRequest, type Principal } from '@mercato/kernel';
import { z } from 'zod';
import { findByIdempotencyKey, findOrder, insertOrder } from '../db/orders-repo.ts';
import { opening } from '../domain/order-machine.ts';
import { applyDiscount, priceOrder, taxOf } from '../domain/pricing.ts';
import { parseTaxRates, STANDARD_VAT_RATES, taxRateFor } from '../domain/tax.ts';
import type { OrdersContext } from './context.ts';
import { publishChange } from './order-events.ts';
import { publicOrder } from './order-view.ts';

export interface PlaceOrderRequest {
  customer: Principal;
  /** The customer's own credential: promotions holds a code for the customer it names. */
  authorization: string;
  idempotencyKey: string;
  body: PlaceOrderInput;
}

/** How long a key is remembered in the cache; the database remembers it for good. */
const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

const catalogPage = z.object({ items: z.array(product) });

interface PromotionHold {
  code: string;
  orderId: string;
  subtotalCents: number;
  currency: string;
}

async function catalogPrices(ctx: OrdersContext, productIds: string[]) {
  const page = await ctx.clients.catalog.call(catalogPage, {
    method: 'GET',
    path: '/api/products',
    query: { ids: productIds.join(','), pageSize: '100' },
  });
  return page.items;
}

/**
 * Holds the promotion of a code for the order about to be placed: promotions counts it against
 * its limits until the order is confirmed (used) or fails (free again); a hold whose order never
 * came to be expires. A code that does not apply is the customer's to fix: 422 on the field.
 */
async function holdPromotion(ctx: OrdersContext, authorization: string, hold: PromotionHold) {
  try {
    return await ctx.clients.promotions.call(promotionQuote, {
      method: 'POST',
      path: '/internal/promotions/holds',
      headers: { authorization },
      body: hold,
    });
  } catch (e) {
    if (e instanceof AppError && (e.status === 404 || e.status === 409)) {
      throw unprocessable('promotion_not_applicable', e.message, [{ field: 'body.promoCode', message: e.message }]);
    }
    throw e;
  }
}

/**
 * Places an order for a key not used yet: prices from the catalog, never the client's; a product
 * the catalog does not know refuses the order at once (REJECTED, nothing to reserve or charge);
 * otherwise a promoCode is held and its discount taken off, and the destination's VAT worked out.
 * The order and its first event commit together; null when a concurrent request with the same key won.
 */
async function place(ctx: OrdersContext, authorization: string, body: PlaceOrderInput, request: IdempotencyRequest): Promise<Order | null> {
  const catalogPricing = priceOrder(
    body.items,
    await catalogPrices(
      ctx,
      body.items.map((i) => i.productId),
    ),
  );
  const known = catalogPricing.unknownProductIds.length === 0;
  const start = opening({ kind: known ? 'place' : 'refuse' });
  const orderId = newId();
  const { subtotalCents, currency } = catalogPricing;
  const code = known ? body.promoCode : undefined;
  const promotion = code ? await holdPromotion(ctx, authorization, { code, orderId, subtotalCents, currency }) : null;
  const pricing = applyDiscount(catalogPricing, promotion?.discountCents ?? 0);
  const taxRates = { ...STANDARD_VAT_RATES, ...parseTaxRates(ctx.settings.TAX_RATES) };
  const tax = taxOf(pricing, known ? taxRateFor(body.shippingAddress.country, taxRates) : 0);
  return ctx.db.transaction(async (tx) => {
    const created = await insertOrder(tx, {
      id: orderId,
      customerId: request.owner,
      status: start.status,
      statusReason: start.reason,
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
      idempotencyKey: request.key,
      requestHash: request.fingerprint,
    });
    if (!created) return null;
    publishChange(ctx, tx, created, { ...start, from: null });
    return publicOrder(created);
  });
}

/**
 * Places an order, once per Idempotency-Key: the same key with the same body answers the order it
 * created, with another body 422. The key's record in the cache is read first; the database's unique
 * key on (customer, key) is the arbiter of races, and is looked up only when the insert lost one.
 */
export async function placeOrder(ctx: OrdersContext, { customer, authorization, idempotencyKey, body }: PlaceOrderRequest): Promise<Order> {
  const once = idempotentCommand<PlaceOrderInput, Order>({
    async lookup(customerId, key) {
      const found = await findByIdempotencyKey(ctx.db, customerId, key);
      return found && { result: publicOrder(found), fingerprint: found.requestHash };
    },
    execute: (input, request) => place(ctx, authorization, input, request),
    cache: {
      store: ctx.cache,
      prefix: 'orders',
      ttlMs: IDEMPOTENCY_TTL_MS,
      logger: ctx.logger,
      load: async (id) => {
        const found = await findOrder(ctx.db, id);
        return found && publicOrder(found);
      },
    },
  });
  return (await once(customer.userId, idempotencyKey, body)).result;
}
