import { newId } from '@mercato/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostService, type Host } from '../../../test/support/service-host.ts';
import { inventoryService } from '../src/index.ts';

describe('restocking a received return', () => {
  let host: Host;
  beforeAll(async () => {
    host = await hostService(inventoryService);
  });
  afterAll(() => host.close());

  const onHand = async (productId: string) =>
    (await host.db.query<{ on_hand: number }>('SELECT on_hand FROM inventory.stock WHERE product_id = $1', [productId]))[0].on_hand;

  it('puts the items back once per return, however often its event comes', async () => {
    const [a, b] = [newId(), newId()].sort();
    await host.db.query('INSERT INTO inventory.stock (product_id, on_hand) VALUES ($1, 5), ($2, 7)', [a, b]);
    const returnId = newId();
    const received = () =>
      host.event('return.received', {
        returnId,
        orderId: newId(),
        customerId: newId(),
        items: [
          { productId: b, quantity: 2 },
          { productId: a, quantity: 1 },
        ],
        refundCents: 100,
        currency: 'EUR',
      });
    const event = received();
    await host.deliver(event);
    await host.deliver(event);
    await host.deliver(received());
    expect([await onHand(a), await onHand(b)]).toEqual([6, 9]);
  });
});
