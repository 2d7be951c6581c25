import { actionsIn } from '@mercato/orders';
import type { Order, OrderStatus, Product } from '@mercato/contracts';
import { newId, notFound, unavailable, type ClientRequest, type ServiceClient } from '@mercato/kernel';
import { ADDRESS } from './checkout.ts';

/**
 * Small typed stand-ins for the services a service calls, for a service hosted alone
 * (service-host.ts): each keeps what the test gives it, answers the one or two routes its
 * callers use in the contracts' shapes, records the calls, and can be down.
 */
interface Fake {
  calls: ClientRequest[];
  down: boolean;
  client: ServiceClient;
}

function fake(service: string, answer: (req: ClientRequest) => unknown): Fake {
  const f: Fake = {
    calls: [],
    down: false,
    client: {
      // The answer is parsed with the caller's schema, as the real clients do: a fake in the wrong shape fails the test.
      async call(schema, req) {
        f.calls.push(req);
        if (f.down) throw unavailable('upstream_unavailable', `${service} answered 503`);
        return schema.parse(answer(req));
      },
    },
  };
  return f;
}

const route = (service: string, req: ClientRequest) => new Error(`the fake ${service} has no route ${req.method} ${req.path}`);

let skus = 0;

/** The catalog's products by id, as GET /api/products?ids= gives them (deleted and unknown ones are absent). */
export function fakeCatalog() {
  const products = new Map<string, Product>();
  const f = fake('catalog', (req) => {
    if (req.method !== 'GET' || req.path !== '/api/products') throw route('catalog', req);
    const items = (req.query?.ids ?? '').split(',').flatMap((id) => products.get(id) ?? []);
    return { items, total: items.length, page: 1, pageSize: Number(req.query?.pageSize ?? 20) };
  });
  return Object.assign(f, {
    products,
    /** A product the catalog has, priced in EUR unless told otherwise. */
    add(over: Partial<Product> = {}): Product {
      const at = new Date().toISOString();
      const n = ++skus;
      const p: Product = {
        id: newId(),
        sku: `SKU-${process.pid}-${n}`,
        name: `Product ${n}`,
        description: '',
        priceCents: 1000,
        currency: 'EUR',
        category: 'test',
        attributes: {},
        createdAt: at,
        updatedAt: at,
        ...over,
      };
      products.set(p.id, p);
      return p;
    },
    update(id: string, patch: Partial<Product>) {
      products.set(id, { ...products.get(id)!, ...patch, updatedAt: new Date().toISOString() });
    },
    remove: (id: string) => products.delete(id),
  });
}

/** Inventory's stock levels, as GET /api/inventory?productIds= gives them (unknown products have none). */
export function fakeInventory() {
  const onHand = new Map<string, number>();
  const f = fake('inventory', (req) => {
    if (req.method !== 'GET' || req.path !== '/api/inventory') throw route('inventory', req);
    const items = (req.query?.productIds ?? '').split(',').map((productId) => {
      const n = onHand.get(productId) ?? 0;
      return { productId, onHand: n, reserved: 0, available: n };
    });
    return { items };
  });
  return Object.assign(f, { onHand, set: (productId: string, n: number) => void onHand.set(productId, n) });
}

/** Orders as their owners read them (GET /api/orders/:id); the fake does not check who asks. */
export function fakeOrders() {
  const orders = new Map<string, Order>();
  const f = fake('orders', (req) => {
    const id = /^\/api\/orders\/([^/]+)$/.exec(req.path)?.[1];
    if (req.method !== 'GET' || !id) throw route('orders', req);
    const order = orders.get(id);
    if (!order) throw notFound('Order');
    return order;
  });
  return Object.assign(f, {
    orders,
    /** Keeps an order (orderView's) for the service to read. */
    put(order: Order) {
      orders.set(order.id, order);
      return order;
    },
  });
}

const PATHS: Record<OrderStatus, OrderStatus[]> = {
  PENDING: ['PENDING'],
  AWAITING_PAYMENT: ['PENDING', 'AWAITING_PAYMENT'],
  AWAITING_ACTION: ['PENDING', 'AWAITING_PAYMENT', 'AWAITING_ACTION'],
  CONFIRMED: ['PENDING', 'AWAITING_PAYMENT', 'CONFIRMED'],
  REJECTED: ['PENDING', 'REJECTED'],
  CANCELLED: ['PENDING', 'AWAITING_PAYMENT', 'CANCELLED'],
  SHIPPED: ['PENDING', 'AWAITING_PAYMENT', 'CONFIRMED', 'SHIPPED'],
  DELIVERED: ['PENDING', 'AWAITING_PAYMENT', 'CONFIRMED', 'SHIPPED', 'DELIVERED'],
};

/**
 * An order as orders answers for it, reached its status by the usual path (each step a second
 * apart, the last at `at`): a confirmed order, a delivered order, without running the saga.
 */
export function orderView(
  customerId: string,
  lines: Array<{ productId: string; quantity: number; unitPriceCents: number }>,
  status: OrderStatus = 'CONFIRMED',
  opts: { at?: Date; discountCents?: number } = {},
): Order {
  const at = (opts.at ?? new Date()).getTime();
  const path = PATHS[status];
  const history = path.map((s, i) => ({ status: s, reason: null, at: new Date(at - (path.length - 1 - i) * 1000).toISOString() }));
  const items = lines.map((l, i) => ({
    ...l,
    sku: `SKU-${i}`,
    name: `Product ${i}`,
    lineTotalCents: l.quantity * l.unitPriceCents,
    discountCents: 0,
  }));
  const subtotalCents = items.reduce((s, l) => s + l.lineTotalCents, 0);
  const discountCents = opts.discountCents ?? 0;
  if (discountCents && items[0]) items[0].discountCents = discountCents;
  return {
    id: newId(),
    customerId,
    status,
    statusReason: null,
    subtotalCents,
    discountCents,
    promoCode: null,
    totalCents: subtotalCents - discountCents,
    taxCents: 0,
    taxRatePercent: 0,
    currency: 'EUR',
    items,
    shippingAddress: ADDRESS,
    paymentMethod: 'pm_card_visa',
    history,
    actions: actionsIn(status),
    createdAt: history[0]!.at,
    updatedAt: history.at(-1)!.at,
  };
}
