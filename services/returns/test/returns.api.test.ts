import { newId } from '@mercato/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../../../test/support/json.ts';
import { fakeOrders, orderView } from '../../../test/support/fakes.ts';
import type { SignedIn } from '../../../test/support/http.ts';
import { hostService, type Host } from '../../../test/support/service-host.ts';
import { returnsService } from '../src/index.ts';

/** Returns alone, reading the orders the test keeps; restocking and refunding are in test/host/returns.test.ts. */
const orders = fakeOrders();
let host: Host;
let alice: SignedIn;
let bob: SignedIn;

beforeAll(async () => {
  host = await hostService(returnsService, { clients: { orders: orders.client } });
  [alice, bob] = [host.signedIn(), host.signedIn()];
});
afterAll(() => host?.close());

/** An order of alice's, paid, shipped and delivered: 2 of a product at 25.00 and 1 at 9.99. */
function deliveredOrder(at?: Date) {
  const [a, b] = [newId(), newId()];
  const order = orders.put(
    orderView(
      alice.id,
      [
        { productId: a, quantity: 2, unitPriceCents: 2500 },
        { productId: b, quantity: 1, unitPriceCents: 999 },
      ],
      'DELIVERED',
      { at },
    ),
  );
  return { orderId: order.id, a, b };
}

let keys = 0;
const ask = (body: unknown, opts: { token?: string; key?: string } = {}) =>
  host.call('POST', '/api/returns', {
    token: opts.token ?? alice.token,
    headers: { 'idempotency-key': opts.key ?? `return-${++keys}` },
    body,
  });
const act = (id: string, action: string, token = host.adminToken, body: unknown = {}) =>
  host.call('POST', `/api/returns/${id}/${action}`, { token, body });

describe('returns', () => {
  it('answers a repeated Idempotency-Key with the same return, and 422 for another body under it', async () => {
    const { orderId, a } = deliveredOrder();
    const body = { orderId, items: [{ productId: a, quantity: 1 }], reason: 'wrong_item' };
    const once = await ask(body, { key: 'same-return' });
    const again = await ask(body, { key: 'same-return' });
    expect([once.status, again.status]).toEqual([201, 201]);
    expect(again.body.id).toBe(once.body.id);
    const other = await ask({ ...body, reason: 'damaged' }, { key: 'same-return' });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
    expect((await host.call('GET', `/api/returns?orderId=${orderId}`, { token: alice.token })).body.total).toBe(1);
  });

  it('never returns more than was bought, nor what another return claims, nor a product of another order', async () => {
    const { orderId, a, b } = deliveredOrder();
    const tooMany = await ask({
      orderId,
      items: [
        { productId: b, quantity: 1 },
        { productId: a, quantity: 3 },
      ],
      reason: 'other',
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body).toMatchObject({
      code: 'quantity_not_returnable',
      errors: [{ field: 'body.items.1.quantity', message: 'at most 2 of this item can still be returned' }],
    });
    const stranger = await ask({ orderId, items: [{ productId: newId(), quantity: 1 }], reason: 'other' });
    expect(stranger.body.errors).toEqual([{ field: 'body.items.0.productId', message: 'is not part of this order' }]);

    // Two requests at once for the last two items: one gets them.
    const race = await Promise.all([1, 2].map(() => ask({ orderId, items: [{ productId: a, quantity: 2 }], reason: 'other' })));
    expect(race.map((r) => r.status).sort()).toEqual([201, 422]);
    const taken = race.find((r) => r.status === 201)!.body;
    // A rejected or withdrawn return gives its items back to what may be returned.
    expect((await act(taken.id, 'reject', host.adminToken, { note: 'Used items cannot be returned' })).body.history.at(-1)).toMatchObject({
      status: 'REJECTED',
      note: 'Used items cannot be returned',
    });
    const retry = await ask({ orderId, items: [{ productId: a, quantity: 2 }], reason: 'other' });
    expect(retry.status).toBe(201);
    expect((await act(retry.body.id, 'cancel', alice.token)).body.status).toBe('CANCELLED');
    expect((await ask({ orderId, items: [{ productId: a, quantity: 2 }], reason: 'other' })).status).toBe(201);
  });

  it('takes returns only of a delivered order, within the return window', async () => {
    const p = newId();
    const confirmed = orders.put(orderView(alice.id, [{ productId: p, quantity: 1, unitPriceCents: 1000 }], 'CONFIRMED'));
    const early = await ask({ orderId: confirmed.id, items: [{ productId: p, quantity: 1 }], reason: 'other' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('order_not_returnable');

    // Delivered 31 days ago.
    const { orderId, a } = deliveredOrder(new Date(Date.now() - 31 * 86_400_000));
    const late = await ask({ orderId, items: [{ productId: a, quantity: 1 }], reason: 'other' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'return_window_closed', detail: 'Items can be returned within 30 days of delivery' });
  });

  it('keeps each customer to their own returns and staff to the decisions', async () => {
    const { orderId, a } = deliveredOrder();
    const theirs = await ask({ orderId, items: [{ productId: a, quantity: 1 }], reason: 'other' }, { token: bob.token });
    expect(theirs.status).toBe(404);
    const mine = (await ask({ orderId, items: [{ productId: a, quantity: 1 }], reason: 'other' })).body;
    expect((await host.call('GET', `/api/returns/${mine.id}`, { token: bob.token })).status).toBe(404);
    expect((await host.call('GET', `/api/returns?orderId=${orderId}`, { token: bob.token })).body.items).toEqual([]);
    expect((await act(mine.id, 'cancel', bob.token)).status).toBe(404);
    expect((await act(mine.id, 'approve', alice.token)).status).toBe(403);
    expect((await host.call('POST', `/api/returns/${mine.id}/approve`)).status).toBe(401);
    expect((await host.call('GET', '/api/returns')).status).toBe(401);
    const everyones = await host.call('GET', '/api/returns?status=REQUESTED&pageSize=100', { token: host.adminToken });
    expect(everyones.body.items.map((r: Json) => r.id)).toContain(mine.id);
    expect((await act('0190a000-0000-7000-8000-0000000000ff', 'approve')).status).toBe(404);
  });

  it('takes each step only in its turn', async () => {
    const { orderId, a } = deliveredOrder();
    const r = (await ask({ orderId, items: [{ productId: a, quantity: 1 }], reason: 'other' })).body;
    // A decision needs no body.
    const bare = await host.call('POST', `/api/returns/${r.id}/receive`, { token: host.adminToken });
    expect(bare.body.code).toBe('return_not_allowed');
    const early = await act(r.id, 'receive');
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('return_not_allowed');
    await act(r.id, 'approve');
    expect((await act(r.id, 'approve')).status).toBe(409);
    await act(r.id, 'receive');
    expect((await act(r.id, 'cancel', alice.token)).status).toBe(409);
    expect((await act(r.id, 'reject')).status).toBe(409);
  });

  it('names the field of a bad request', async () => {
    const { orderId, a } = deliveredOrder();
    for (const [body, field] of [
      [{ orderId, items: [], reason: 'other' }, 'body.items'],
      [{ orderId, items: [{ productId: a, quantity: 0 }], reason: 'other' }, 'body.items.0.quantity'],
      [{ orderId, items: [{ productId: a, quantity: 1 }], reason: 'meh' }, 'body.reason'],
      [{ orderId: 'nope', items: [{ productId: a, quantity: 1 }], reason: 'other' }, 'body.orderId'],
      [{ orderId, items: [{ productId: a, quantity: 1 }], reason: 'other', comment: 'x'.repeat(1001) }, 'body.comment'],
    ] as const) {
      const res = await ask(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.errors.map((e: Json) => e.field)).toContain(field);
    }
    const noKey = await host.call('POST', '/api/returns', {
      token: alice.token,
      body: { orderId, items: [{ productId: a, quantity: 1 }], reason: 'other' },
    });
    expect(noKey.status).toBe(400);
    expect((await act(orderId, 'reject', host.adminToken, { note: 'x'.repeat(501) })).body.errors[0].field).toBe('body.note');
  });
});
