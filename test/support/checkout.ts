import { SAGA_OUTCOMES } from '@mercato/orders';
import type { TestShop } from './shop.ts';

export const ADDRESS = { name: 'Ada Lovelace', line1: '12 Analytical St', city: 'London', postalCode: 'N1 9GU', country: 'GB' };

let skuCounter = 0;

/** Creates a product with stock as the admin, returning its id. */
export async function stockedProduct(
  shop: TestShop,
  onHand: number,
  priceCents = 1000,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await shop.call('POST', '/api/products', {
    token: shop.adminToken,
    body: {
      sku: `SKU-${process.pid}-${++skuCounter}-${Date.now()}`,
      name: `Product ${skuCounter}`,
      priceCents,
      currency: 'EUR',
      category: 'test',
      ...extra,
    },
  });
  if (res.status !== 201) throw new Error(`create product: ${res.status} ${JSON.stringify(res.body)}`);
  const stock = await shop.call('PUT', `/api/inventory/${res.body.id}`, { token: shop.adminToken, body: { onHand } });
  if (stock.status !== 200) throw new Error(`set stock: ${stock.status}`);
  return res.body.id;
}

export function placeOrder(
  shop: TestShop,
  token: string,
  items: Array<{ productId: string; quantity: number }>,
  opts: { key?: string; paymentMethod?: string } = {},
) {
  return shop.call('POST', '/api/orders', {
    token,
    headers: { 'idempotency-key': opts.key ?? `key-${Math.random().toString(36).slice(2)}` },
    body: { items, shippingAddress: ADDRESS, paymentMethod: opts.paymentMethod ?? 'pm_card_visa' },
  });
}

/** Where the checkout saga ends, as its table says. */
export const TERMINAL: readonly string[] = SAGA_OUTCOMES;

/** Waits until the order reaches a terminal state and returns it. */
export function settled(shop: TestShop, token: string, orderId: string, timeoutMs?: number) {
  return shop.waitFor(async () => {
    const res = await shop.call('GET', `/api/orders/${orderId}`, { token });
    return TERMINAL.includes(res.body.status) ? res.body : null;
  }, timeoutMs);
}

/** A new product's order of the customer, settled: CONFIRMED with a good card, CANCELLED with a declining one. */
export async function settledOrder(
  shop: TestShop,
  customer: { token: string },
  opts: { paymentMethod?: string; priceCents?: number; quantity?: number } = {},
) {
  const p = await stockedProduct(shop, 10, opts.priceCents ?? 1000);
  const placed = await placeOrder(shop, customer.token, [{ productId: p, quantity: opts.quantity ?? 1 }], {
    paymentMethod: opts.paymentMethod,
  });
  if (placed.status !== 202) throw new Error(`place order: ${placed.status} ${JSON.stringify(placed.body)}`);
  return settled(shop, customer.token, placed.body.id);
}

/** Ships a confirmed order as the admin, scans its parcel DELIVERED, and returns the order once it is DELIVERED. */
export async function deliverOrder(shop: TestShop, token: string, orderId: string) {
  const shipped = await shop.call('POST', `/api/orders/${orderId}/ship`, { token: shop.adminToken });
  if (shipped.status !== 202) throw new Error(`ship ${orderId}: ${shipped.status} ${JSON.stringify(shipped.body)}`);
  const shipment = await shop.waitFor(async () => (await shop.call('GET', `/api/shipments?orderId=${orderId}`, { token })).body.items[0]);
  const scanned = await shop.call('POST', `/api/shipments/${shipment.id}/tracking`, {
    token: shop.adminToken,
    body: { status: 'DELIVERED' },
  });
  if (scanned.status !== 200) throw new Error(`deliver ${orderId}: ${scanned.status} ${JSON.stringify(scanned.body)}`);
  return shop.waitFor(async () => {
    const order = (await shop.call('GET', `/api/orders/${orderId}`, { token })).body;
    return order.status === 'DELIVERED' && order;
  });
}
