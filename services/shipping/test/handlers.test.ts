import { newId } from '@mercato/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostService, type Host } from '../../../test/support/service-host.ts';
import { createShippingService, simulatedCarrier, type Carrier } from '../src/index.ts';

const address = { name: 'Ada', line1: '12 Analytical St', city: 'London', postalCode: 'N1 9GU', country: 'GB' };

/** The simulator, counting labels bought and able to fail like a carrier's API that is down. */
function testCarrier() {
  const inner = simulatedCarrier(0);
  const state = { labels: 0, down: false };
  const carrier: Carrier = {
    name: inner.name,
    async createLabel(req) {
      if (state.down) throw new Error('carrier API unavailable');
      state.labels++;
      return inner.createLabel(req);
    },
    track: (parcels) => inner.track(parcels),
  };
  return { carrier, state };
}

describe('shipping handlers', () => {
  let host: Host;
  const { carrier, state } = testCarrier();

  beforeAll(async () => {
    host = await hostService(createShippingService(carrier), { env: { CARRIER_POLL_INTERVAL: '1h' } });
  });
  afterAll(() => host.close());

  const shipped = (orderId: string) =>
    host.event('order.shipped', { orderId, customerId: newId(), items: [{ productId: newId(), quantity: 1 }], shippingAddress: address });
  const shipments = (orderId: string) =>
    host.db.query<{ tracking_number: string }>('SELECT tracking_number FROM shipping.shipments WHERE order_id = $1', [orderId]);
  const created = async (orderId: string) =>
    (await host.published()).filter((e) => e.type === 'shipment.created' && e.payload.orderId === orderId);

  it('buys one label for a redelivered order.shipped, and announces the shipment once', async () => {
    const orderId = newId();
    const event = shipped(orderId);
    await host.deliver(event);
    await host.deliver(event);
    expect(await shipments(orderId)).toHaveLength(1);
    expect(await created(orderId)).toHaveLength(1);
    expect(state.labels).toBe(1);
  });

  it('keeps one shipment per order even when a second event for it comes, with the same label', async () => {
    const orderId = newId();
    await host.deliver(shipped(orderId));
    await host.deliver(shipped(orderId));
    const rows = await shipments(orderId);
    expect(rows).toHaveLength(1);
    expect(await created(orderId)).toHaveLength(1);
    const again = await carrier.createLabel({ idempotencyKey: `label:${orderId}`, destination: address, items: [] });
    expect(again.trackingNumber).toBe(rows[0].tracking_number);
  });

  it('writes nothing while the carrier is down, so the retried event ships the order', async () => {
    const orderId = newId();
    const event = shipped(orderId);
    state.down = true;
    await expect(host.deliver(event)).rejects.toThrow('carrier API unavailable');
    expect(await shipments(orderId)).toHaveLength(0);
    expect(await created(orderId)).toHaveLength(0);
    state.down = false;
    await host.deliver(event);
    expect(await shipments(orderId)).toHaveLength(1);
    expect(await created(orderId)).toHaveLength(1);
  });
});
