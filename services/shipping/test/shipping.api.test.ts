import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeOrder, settled, stockedProduct } from '../../../test/support/checkout.ts';
import { startShop, type Customer, type TestShop } from '../../../test/support/shop.ts';
import { isValidS10 } from '../src/domain/tracking-number.ts';

let shop: TestShop;
let alice: Customer;
let bob: Customer;
let opsToken: string;

beforeAll(async () => {
  // Every scan comes from the tracking API here; the simulated journey has a shop of its own below.
  shop = await startShop({ CARRIER_SIMULATOR_STEP: '0', CARRIER_POLL_INTERVAL: '100ms' });
  [alice, bob] = await Promise.all([shop.registerCustomer(), shop.registerCustomer()]);
  const ops = await shop.registerCustomer();
  expect((await shop.call('PUT', `/api/users/${ops.id}/roles`, { token: shop.adminToken, body: { roles: ['ops'] } })).status).toBe(200);
  opsToken = (await shop.call('POST', '/api/auth/login', { body: { email: ops.email, password: ops.password } })).body.accessToken;
});
afterAll(() => shop?.stop());

async function confirmedOrder(customer = alice) {
  const product = await stockedProduct(shop, 5, 2500);
  const res = await placeOrder(shop, customer.token, [{ productId: product, quantity: 2 }]);
  const order = await settled(shop, customer.token, res.body.id);
  expect(order.status).toBe('CONFIRMED');
  return { order, product };
}

const ship = (orderId: string, token = shop.adminToken) => shop.call('POST', `/api/orders/${orderId}/ship`, { token });
const shipmentsOf = async (orderId: string, token = alice.token) =>
  (await shop.call('GET', `/api/shipments?orderId=${orderId}`, { token })).body.items;
const shipmentOf = (orderId: string) => shop.waitFor(async () => (await shipmentsOf(orderId))[0]);
const scan = (shipmentId: string, body: unknown, token = opsToken) =>
  shop.call('POST', `/api/shipments/${shipmentId}/tracking`, { token, body });
const orderOf = async (orderId: string, token = alice.token) => (await shop.call('GET', `/api/orders/${orderId}`, { token })).body;
const kinds = async (customer: Customer) =>
  (await shop.call('GET', '/api/notifications?pageSize=100', { token: customer.token })).body.items.map((n: any) => n.kind);

describe('fulfilment', () => {
  it('ships a confirmed order with a tracking number, follows its scans and delivers it', async () => {
    const { order, product } = await confirmedOrder();
    const shipped = await ship(order.id, opsToken);
    expect(shipped.status).toBe(202);
    expect(shipped.body.status).toBe('SHIPPED');

    const shipment = await shipmentOf(order.id);
    expect(shipment).toMatchObject({
      orderId: order.id,
      customerId: alice.id,
      carrier: 'mercato-post',
      status: 'LABEL_CREATED',
      deliveredAt: null,
    });
    expect(shipment.items).toEqual([{ productId: product, quantity: 2 }]);
    expect(shipment.shippingAddress.city).toBe('London');
    expect(isValidS10(shipment.trackingNumber)).toBe(true);
    await shop.waitFor(async () => (await kinds(alice)).includes('shipment.created'));
    const { body: notes } = await shop.call('GET', '/api/notifications?pageSize=100', { token: alice.token });
    expect(notes.items.find((n: any) => n.kind === 'shipment.created').body).toContain(shipment.trackingNumber);

    const inTransit = await scan(shipment.id, { status: 'IN_TRANSIT', location: 'Leeds hub' });
    expect(inTransit.status).toBe(200);
    expect(inTransit.body.status).toBe('IN_TRANSIT');
    const delivered = await scan(shipment.id, { status: 'DELIVERED', location: 'London' });
    expect(delivered.body).toMatchObject({ status: 'DELIVERED' });
    expect(delivered.body.deliveredAt).toBe(delivered.body.events.at(-1).at);
    expect(delivered.body.events.map((e: any) => [e.status, e.location])).toEqual([
      ['LABEL_CREATED', null],
      ['IN_TRANSIT', 'Leeds hub'],
      ['DELIVERED', 'London'],
    ]);

    const final = await shop.waitFor(async () => {
      const o = await orderOf(order.id);
      return o.status === 'DELIVERED' && o;
    });
    expect(final.history.map((h: any) => h.status)).toEqual(['PENDING', 'AWAITING_PAYMENT', 'CONFIRMED', 'SHIPPED', 'DELIVERED']);
    await shop.waitFor(async () => (await kinds(alice)).includes('order.delivered'));
    // Stock was committed at confirmation; shipping moves none.
    expect((await shop.call('GET', `/api/inventory/${product}`)).body).toMatchObject({ onHand: 3, reserved: 0 });
  });

  it('ships only a confirmed order, once, and a shipped order can no longer be cancelled', async () => {
    const { order } = await confirmedOrder();
    expect((await ship(order.id)).status).toBe(202);
    const again = await ship(order.id);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('order_not_shippable');
    const cancel = await shop.call('POST', `/api/orders/${order.id}/cancel`, { token: alice.token });
    expect(cancel.status).toBe(409);
    expect(cancel.body.code).toBe('order_not_cancellable');
    await shipmentOf(order.id);
    expect(await shipmentsOf(order.id)).toHaveLength(1);
    const payments = (await shop.call('GET', `/api/payments?orderId=${order.id}`, { token: alice.token })).body.items;
    expect(payments.map((p: any) => [p.status, p.refundedCents])).toEqual([['CAPTURED', 0]]);

    const declined = await placeOrder(shop, alice.token, [{ productId: await stockedProduct(shop, 1), quantity: 1 }], {
      paymentMethod: 'pm_card_chargeDeclined',
    });
    await settled(shop, alice.token, declined.body.id);
    expect((await ship(declined.body.id)).body.code).toBe('order_not_shippable');
    expect((await ship('0190a000-0000-7000-8000-0000000000ff')).status).toBe(404);
    expect((await shop.call('POST', '/api/orders/not-a-uuid/ship', { token: shop.adminToken })).status).toBe(400);
  });

  it('lets staff ship and scan, and shows customers only their own shipments', async () => {
    const { order } = await confirmedOrder();
    expect((await ship(order.id, alice.token)).status).toBe(403);
    expect((await shop.call('POST', `/api/orders/${order.id}/ship`)).status).toBe(401);
    expect((await ship(order.id)).status).toBe(202);
    const shipment = await shipmentOf(order.id);

    expect(await shipmentsOf(order.id, bob.token)).toEqual([]);
    expect((await shop.call('GET', `/api/shipments/${shipment.id}`, { token: bob.token })).status).toBe(404);
    expect((await shop.call('GET', `/api/shipments/${shipment.id}`, { token: alice.token })).body.id).toBe(shipment.id);
    expect((await shop.call('GET', `/api/shipments/${shipment.id}`, { token: opsToken })).body.id).toBe(shipment.id);
    const everyones = await shop.call('GET', '/api/shipments?status=LABEL_CREATED&pageSize=100', { token: opsToken });
    expect(everyones.body.items.map((s: any) => s.id)).toContain(shipment.id);
    expect((await shop.call('GET', '/api/shipments')).status).toBe(401);

    expect((await scan(shipment.id, { status: 'IN_TRANSIT' }, alice.token)).status).toBe(403);

    // Ops read every customer's orders and payments to fulfil them, but only an admin cancels one.
    expect((await shop.call('GET', `/api/orders/${order.id}`, { token: opsToken })).body.id).toBe(order.id);
    expect((await shop.call('GET', '/api/orders?all=true&pageSize=100', { token: opsToken })).body.items.map((o: any) => o.id)).toContain(
      order.id,
    );
    expect((await shop.call('GET', `/api/payments?orderId=${order.id}`, { token: opsToken })).body.items).toHaveLength(1);
    const other = await confirmedOrder(bob);
    const refused = await shop.call('POST', `/api/orders/${other.order.id}/cancel`, { token: opsToken });
    expect(refused.status).toBe(403);
    expect((await orderOf(other.order.id, bob.token)).status).toBe('CONFIRMED');
    expect((await scan('0190a000-0000-7000-8000-0000000000ff', { status: 'IN_TRANSIT' })).status).toBe(404);
  });

  it('refuses a scan after delivery or one going backwards, and names the field of a bad one', async () => {
    const { order } = await confirmedOrder();
    await ship(order.id);
    const shipment = await shipmentOf(order.id);
    for (const [body, field] of [
      [{ status: 'LOST' }, 'body.status'],
      [{ status: 'LABEL_CREATED' }, 'body.status'],
      [{ status: 'IN_TRANSIT', location: '' }, 'body.location'],
      [{ status: 'IN_TRANSIT', description: 'x'.repeat(501) }, 'body.description'],
    ] as const) {
      const res = await scan(shipment.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors.map((e: any) => e.field)).toContain(field);
    }
    expect((await scan(shipment.id, { status: 'OUT_FOR_DELIVERY' })).status).toBe(200);
    const backwards = await scan(shipment.id, { status: 'IN_TRANSIT' });
    expect(backwards.status).toBe(409);
    expect(backwards.body.code).toBe('tracking_out_of_order');
    expect((await scan(shipment.id, { status: 'EXCEPTION', description: 'Nobody home' })).body.status).toBe('EXCEPTION');
    expect((await scan(shipment.id, { status: 'DELIVERED' })).status).toBe(200);
    expect((await scan(shipment.id, { status: 'DELIVERED' })).status).toBe(409);
    const { body: after } = await shop.call('GET', `/api/shipments/${shipment.id}`, { token: alice.token });
    expect(after.events.map((e: any) => e.status)).toEqual(['LABEL_CREATED', 'OUT_FOR_DELIVERY', 'EXCEPTION', 'DELIVERED']);
    expect(after.events[2].description).toBe('Nobody home');
    await shop.waitFor(async () => (await orderOf(order.id)).status === 'DELIVERED');
    expect((await orderOf(order.id)).history.filter((h: any) => h.status === 'DELIVERED')).toHaveLength(1);
  });
});

describe('the simulated carrier', () => {
  let fast: TestShop;
  beforeAll(async () => {
    fast = await startShop({ CARRIER_SIMULATOR_STEP: '150ms', CARRIER_POLL_INTERVAL: '50ms' });
  });
  afterAll(() => fast?.stop());

  it('carries a shipped parcel to the customer on its own, and the order ends DELIVERED', async () => {
    const customer = await fast.registerCustomer();
    const product = await stockedProduct(fast, 2);
    const placed = await placeOrder(fast, customer.token, [{ productId: product, quantity: 1 }]);
    expect((await settled(fast, customer.token, placed.body.id)).status).toBe('CONFIRMED');
    expect((await fast.call('POST', `/api/orders/${placed.body.id}/ship`, { token: fast.adminToken })).status).toBe(202);
    const order = await fast.waitFor(async () => {
      const o = (await fast.call('GET', `/api/orders/${placed.body.id}`, { token: customer.token })).body;
      return o.status === 'DELIVERED' && o;
    });
    expect(order.history.map((h: any) => h.status).slice(-2)).toEqual(['SHIPPED', 'DELIVERED']);
    const [shipment] = (await fast.call('GET', `/api/shipments?orderId=${order.id}`, { token: customer.token })).body.items;
    expect(shipment.events.map((e: any) => e.status)).toEqual(['LABEL_CREATED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED']);
    expect(shipment.events.at(-1).location).toBe('London');
  });
});
