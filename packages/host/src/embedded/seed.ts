import type { Config, HttpApp } from '@mercato/kernel';

/** How the seed talks to the shop: in-process (embedded) or over HTTP (a cluster's gateway). */
export type ApiCall = <T>(
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: unknown,
  token?: string,
) => Promise<{ status: number; body: T }>;

export const injectCall =
  (app: HttpApp): ApiCall =>
  async <T>(method: Parameters<ApiCall>[0], url: string, payload?: unknown, token?: string) => {
    const res = await app.inject({
      method,
      url,
      payload: payload as object | undefined,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as T) : (undefined as T) };
  };

export const httpCall =
  (base: string): ApiCall =>
  async <T>(method: Parameters<ApiCall>[0], url: string, payload?: unknown, token?: string) => {
    const res = await fetch(new URL(url, base), {
      method,
      headers: {
        ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: payload !== undefined ? JSON.stringify(payload) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as T) : (undefined as T) };
  };

export const DEMO_CUSTOMER = { email: 'shopper@mercato.local', password: 'shopper-pass-123', name: 'Demo Shopper' };

/** A code to try at checkout: 10 % off orders of €30 or more, once per customer. */
export const DEMO_PROMOTION = {
  code: 'WELCOME10',
  description: '10 % off your first order of €30 or more',
  kind: 'percent',
  percentOff: 10,
  minSubtotalCents: 3000,
};

const DEMO_PRODUCTS: Array<{ sku: string; name: string; description: string; priceCents: number; category: string; stock: number }> = [
  {
    sku: 'MUG-CLASSIC',
    name: 'Classic Stoneware Mug',
    description: 'A 350 ml glazed stoneware mug that keeps coffee warm.',
    priceCents: 1400,
    category: 'kitchen',
    stock: 120,
  },
  {
    sku: 'KETTLE-GOOSE',
    name: 'Gooseneck Kettle',
    description: 'Precise pour-over kettle, 1 litre, stainless steel.',
    priceCents: 5900,
    category: 'kitchen',
    stock: 25,
  },
  {
    sku: 'GRINDER-BURR',
    name: 'Burr Coffee Grinder',
    description: 'Conical burr grinder with 40 grind settings.',
    priceCents: 12900,
    category: 'kitchen',
    stock: 8,
  },
  {
    sku: 'TEE-ORGANIC',
    name: 'Organic Cotton T-Shirt',
    description: 'Heavyweight organic cotton tee, unisex fit.',
    priceCents: 2500,
    category: 'apparel',
    stock: 200,
  },
  {
    sku: 'HOODIE-LOOP',
    name: 'Loopback Hoodie',
    description: 'Midweight loopback cotton hoodie with a kangaroo pocket.',
    priceCents: 6500,
    category: 'apparel',
    stock: 40,
  },
  {
    sku: 'SOCKS-WOOL',
    name: 'Merino Wool Socks',
    description: 'Cushioned merino socks for cold mornings.',
    priceCents: 1800,
    category: 'apparel',
    stock: 3,
  },
  {
    sku: 'LAMP-DESK',
    name: 'Adjustable Desk Lamp',
    description: 'LED desk lamp with dimmer and warm light mode.',
    priceCents: 4900,
    category: 'home',
    stock: 30,
  },
  {
    sku: 'PLANT-POT',
    name: 'Terracotta Plant Pot',
    description: 'Hand-thrown terracotta pot with saucer, 18 cm.',
    priceCents: 2200,
    category: 'home',
    stock: 60,
  },
  {
    sku: 'THROW-LINEN',
    name: 'Linen Throw Blanket',
    description: 'Stonewashed linen throw, 130 x 170 cm.',
    priceCents: 8900,
    category: 'home',
    stock: 0,
  },
  {
    sku: 'BOOK-TS',
    name: 'Practical TypeScript',
    description: 'A field guide to typing real applications.',
    priceCents: 3900,
    category: 'books',
    stock: 50,
  },
  {
    sku: 'NOTEBOOK-DOT',
    name: 'Dotted Notebook A5',
    description: '192 pages of 100 g/m² dotted paper, lay-flat binding.',
    priceCents: 1600,
    category: 'books',
    stock: 90,
  },
  {
    sku: 'PEN-FOUNTAIN',
    name: 'Fountain Pen',
    description: 'Steel nib fountain pen with a converter.',
    priceCents: 3400,
    category: 'books',
    stock: 2,
  },
];

/**
 * Fills an empty shop with a demo catalog, stock, a promotion code and a demo customer, through the public API
 * (so it obeys the same validation and emits the same events as an admin would).
 */
export async function seedDemoShop(call: ApiCall, config: Config): Promise<boolean> {
  const existing = await call<{ total: number }>('GET', '/api/products?pageSize=1');
  if (existing.body.total > 0) return false;
  const login = await call<{ accessToken: string }>('POST', '/api/auth/login', {
    email: config.MERCATO_ADMIN_EMAIL,
    password: config.MERCATO_ADMIN_PASSWORD,
  });
  if (login.status !== 200) throw new Error(`seeding: admin login failed (${login.status})`);
  const token = login.body.accessToken;
  for (const { stock, ...product } of DEMO_PRODUCTS) {
    const created = await call<{ id: string }>('POST', '/api/products', { ...product, currency: 'EUR' }, token);
    if (created.status !== 201) throw new Error(`seeding ${product.sku}: ${created.status}`);
    await call('PUT', `/api/inventory/${created.body.id}`, { onHand: stock }, token);
  }
  const promotion = await call('POST', '/api/admin/promotions', DEMO_PROMOTION, token);
  if (promotion.status !== 201) throw new Error(`seeding the demo promotion: ${promotion.status}`);
  await call('POST', '/api/auth/register', DEMO_CUSTOMER);
  return true;
}
