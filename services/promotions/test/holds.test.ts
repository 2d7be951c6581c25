import { newId } from '@mercato/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostService, type Host } from '../../../test/support/service-host.ts';
import { promotionsService } from '../src/index.ts';

describe('promotion holds', () => {
  let host: Host;
  let customer: string;
  let code: string;
  let promotionId: string;

  beforeAll(async () => {
    host = await hostService(promotionsService, { env: { ORDER_PAYMENT_TIMEOUT: '1s' } });
    const admin = host.tokenFor(newId(), 'admin');
    customer = host.tokenFor(newId());
    const res = await host.app.inject({
      method: 'POST',
      url: '/api/admin/promotions',
      headers: { authorization: `Bearer ${admin}` },
      payload: { code: 'HOLDME', kind: 'percent', percentOff: 10, maxRedemptions: 5, perCustomerLimit: 5 },
    });
    ({ code, id: promotionId } = res.json());
  });
  afterAll(() => host.close());

  const hold = (orderId: string) =>
    host.app.inject({
      method: 'POST',
      url: '/internal/promotions/holds',
      headers: { authorization: `Bearer ${customer}`, ...host.serviceHeaders },
      payload: { code, orderId, subtotalCents: 1000, currency: 'EUR' },
    });
  const counted = async () =>
    (await host.db.query<{ redemptions: number }>('SELECT redemptions FROM promotions.promotions WHERE id = $1', [promotionId]))[0]!
      .redemptions;
  const statusOf = async (orderId: string) =>
    (await host.db.query<{ status: string }>('SELECT status FROM promotions.holds WHERE order_id = $1', [orderId]))[0]?.status;
  const event = (type: 'discount.redeemed' | 'discount.released', orderId: string) =>
    host.event(type, { orderId, customerId: newId(), promotionId });

  it('holds once per order, and counts a redemption and a release once each, however often their events come', async () => {
    const orderId = newId();
    const first = await hold(orderId);
    expect([first.statusCode, first.json()]).toMatchObject([201, { discountCents: 100 }]);
    const again = await hold(orderId);
    expect([again.statusCode, again.json()]).toMatchObject([200, { discountCents: 100 }]);
    expect(await counted()).toBe(1);
    const redeemed = event('discount.redeemed', orderId);
    await host.deliver(redeemed);
    await host.deliver(redeemed);
    await host.deliver(event('discount.redeemed', orderId));
    expect([await statusOf(orderId), await counted()]).toEqual(['REDEEMED', 1]);
    await host.deliver(event('discount.released', orderId));
    await host.deliver(event('discount.released', orderId));
    expect([await statusOf(orderId), await counted()]).toEqual(['RELEASED', 0]);
  });

  it('releases a hold whose order never came, and takes it back should the order come after all', async () => {
    const orderId = newId();
    await hold(orderId);
    await host.db.query("UPDATE promotions.holds SET created_at = now() - interval '1 hour' WHERE order_id = $1", [orderId]);
    const fresh = newId();
    await hold(fresh);
    await host.mounted.instance.timers![0]!.run();
    expect([await statusOf(orderId), await statusOf(fresh), await counted()]).toEqual(['RELEASED', 'HELD', 1]);
    await host.deliver(event('discount.redeemed', orderId));
    expect([await statusOf(orderId), await counted()]).toEqual(['REDEEMED', 2]);
  });
});
