import { newId } from '@mercato/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostService, type Host } from '../../../test/support/service-host.ts';
import { reviewsService } from '../src/index.ts';

describe('reviews handlers', () => {
  let host: Host;

  beforeAll(async () => {
    host = await hostService(reviewsService);
  });
  afterAll(() => host.close());

  const delivered = (customerId: string, productIds: string[], orderId = newId()) =>
    host.event('order.delivered', { orderId, customerId, items: productIds.map((productId) => ({ productId, quantity: 1 })) });
  const purchasesOf = (customerId: string) =>
    host.db.query<{ product_id: string; order_id: string }>(
      'SELECT product_id, order_id FROM reviews.purchases WHERE customer_id = $1 ORDER BY product_id',
      [customerId],
    );
  const review = (customerId: string, productId: string) =>
    host.app.inject({
      method: 'POST',
      url: `/api/products/${productId}/reviews`,
      headers: { authorization: `Bearer ${host.tokenFor(customerId)}` },
      payload: { rating: 4, title: 'Good', body: 'Does what it says' },
    });

  it('records each product of a delivered order once, however often the event comes', async () => {
    const customerId = newId();
    const [a, b] = [newId(), newId()].sort();
    const event = delivered(customerId, [a, b]);
    await host.deliver(event);
    await host.deliver(event);
    expect(await purchasesOf(customerId)).toEqual([
      { product_id: a, order_id: event.payload.orderId },
      { product_id: b, order_id: event.payload.orderId },
    ]);
    // The inbox took the redelivery: one claim for the event.
    expect(await host.db.query('SELECT event_id FROM reviews.inbox WHERE event_id = $1', [event.id])).toHaveLength(1);
  });

  it('keeps the first order that delivered a product when another delivers it again', async () => {
    const customerId = newId();
    const product = newId();
    const first = delivered(customerId, [product]);
    await host.deliver(first);
    await host.deliver(delivered(customerId, [product, product]));
    expect(await purchasesOf(customerId)).toEqual([{ product_id: product, order_id: first.payload.orderId }]);
  });

  it('lets only the customer who received a product review it', async () => {
    const [alice, bob] = [newId(), newId()];
    const product = newId();
    await host.deliver(delivered(alice, [product]));
    expect((await review(alice, product)).statusCode).toBe(201);
    const stranger = await review(bob, product);
    expect(stranger.statusCode).toBe(409);
    expect(stranger.json().code).toBe('review_needs_purchase');
  });

  it('signs reviews with the name a redelivered registration gave first', async () => {
    const userId = newId();
    const product = newId();
    const registered = host.event('user.registered', { userId, email: `${userId}@example.com`, name: 'Ada Lovelace' });
    await host.deliver(registered);
    await host.deliver(registered);
    await host.deliver(host.event('user.registered', { userId, email: `${userId}@example.com`, name: 'Someone Else' }));
    expect(await host.db.query('SELECT name FROM reviews.authors WHERE user_id = $1', [userId])).toEqual([{ name: 'Ada Lovelace' }]);

    await host.deliver(delivered(userId, [product]));
    expect((await review(userId, product)).json().authorName).toBe('Ada L.');
  });

  it('shows a review whose author is not known yet unsigned, and signed once they are', async () => {
    const userId = newId();
    const product = newId();
    await host.deliver(delivered(userId, [product]));
    expect((await review(userId, product)).json().authorName).toBeNull();
    await host.deliver(host.event('user.registered', { userId, email: `${userId}@example.com`, name: 'Grace Hopper' }));
    const { items } = (await host.app.inject({ method: 'GET', url: `/api/products/${product}/reviews` })).json();
    expect(items.map((r: { authorName: string | null }) => r.authorName)).toEqual(['Grace H.']);
  });
});
