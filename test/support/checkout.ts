import type { TestShop } from './shop.ts';

export const ADDRESS = { name: 'Ada Lovelace', line1: '12 Analytical St', city: 'London', postalCode: 'N1 9GU', country: 'GB' };

let skuCounter = 0;

/** Creates a product with stock as the admin, returning its id. */
export async function stockedProduct(shop: TestShop, onHand: number, priceCents = 1000, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await shop.call('POST', '/api/products', {
    token: shop.adminToken,
    body: { sku: `SKU-${process.pid}-${++skuCounter}-${Date.now()}`, name: `Product ${skuCounter}`, priceCents, currency: 'EUR', category: 'test', ...extra },
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

export const TERMINAL = ['CONFIRMED', 'REJECTED', 'CANCELLED'];

/** Waits until the order reaches a terminal state and returns it. */
export function settled(shop: TestShop, token: string, orderId: string, timeoutMs?: number) {
  return shop.waitFor(async () => {
    const res = await shop.call('GET', `/api/orders/${orderId}`, { token });
    return TERMINAL.includes(res.body.status) ? res.body : null;
  }, timeoutMs);
}
