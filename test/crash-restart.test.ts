import { SAGA_OUTCOMES } from '@mercato/orders';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ADDRESS } from './support/checkout.ts';
import { http, kill, startShopProcess, type ShopProcess } from './support/process.ts';
import type { Json } from './support/json.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'mercato-crash-'));
const env = {
  MERCATO_DATA_DIR: dataDir,
  MERCATO_SEED: 'false',
  MERCATO_ADMIN_EMAIL: 'admin@crash.local',
  MERCATO_ADMIN_PASSWORD: 'admin-password-123',
};
let running: ShopProcess | null = null;

afterAll(async () => {
  if (running) await kill(running);
  rmSync(dataDir, { recursive: true, force: true });
});

const TERMINAL = new Set<string>(SAGA_OUTCOMES);
const METHODS = ['pm_card_visa', 'pm_card_mastercard', 'pm_card_visa', 'pm_card_chargeDeclined'];

describe('a SIGKILL in the middle of a burst of orders', () => {
  it('loses no accepted order, leaves no reservation dangling, charges nobody twice and conserves stock', async () => {
    running = await startShopProcess(env);
    let base = running.url;
    const admin = (
      await http(base, 'POST', '/api/auth/login', { body: { email: env.MERCATO_ADMIN_EMAIL, password: env.MERCATO_ADMIN_PASSWORD } })
    ).body.accessToken;
    const initial = new Map<string, number>();
    for (let i = 0; i < 3; i++) {
      const p = await http(base, 'POST', '/api/products', {
        token: admin,
        body: { sku: `CRASH-${i}`, name: `Crash ${i}`, priceCents: 1000 + i, currency: 'EUR', category: 'crash' },
      });
      await http(base, 'PUT', `/api/inventory/${p.body.id}`, { token: admin, body: { onHand: 15 } });
      initial.set(p.body.id, 15);
    }
    const products = [...initial.keys()];
    await http(base, 'POST', '/api/auth/register', { body: { email: 'crash@test.local', password: 'customer-pass-1', name: 'Crash' } });
    const token = (await http(base, 'POST', '/api/auth/login', { body: { email: 'crash@test.local', password: 'customer-pass-1' } })).body
      .accessToken;

    // Fire a burst and kill the process while requests and saga steps are in flight.
    const accepted: string[] = [];
    let answered = 0;
    const burst = Array.from({ length: 60 }, (_, i) =>
      http(base, 'POST', '/api/orders', {
        token,
        headers: { 'idempotency-key': `burst-${i}` },
        body: {
          items: [{ productId: products[i % 3], quantity: 1 + (i % 2) }],
          shippingAddress: ADDRESS,
          paymentMethod: METHODS[i % METHODS.length],
        },
      })
        .then((r) => {
          answered++;
          if (r.status === 202) accepted.push(r.body.id);
        })
        .catch(() => {}),
    );
    while (answered < 20) await new Promise((r) => setTimeout(r, 5));
    await kill(running);
    await Promise.all(burst);
    expect(accepted.length).toBeGreaterThanOrEqual(20);

    running = await startShopProcess(env);
    base = running.url;
    const adminAgain = (
      await http(base, 'POST', '/api/auth/login', { body: { email: env.MERCATO_ADMIN_EMAIL, password: env.MERCATO_ADMIN_PASSWORD } })
    ).body.accessToken;

    // Every order that exists (accepted, or committed just before the kill) reaches a terminal state.
    let orders: Json[];
    const deadline = Date.now() + 30_000;
    for (;;) {
      orders = (await http(base, 'GET', '/api/orders?all=true&pageSize=100', { token: adminAgain })).body.items;
      if (orders.every((o) => TERMINAL.has(o.status))) break;
      if (Date.now() > deadline) throw new Error(`orders stuck: ${JSON.stringify(orders.filter((o) => !TERMINAL.has(o.status)))}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const ids = new Set(orders.map((o) => o.id));
    for (const id of accepted) expect(ids.has(id), `accepted order ${id} survived`).toBe(true);

    // Give the compensation of the last terminal orders time to settle, then check every product.
    const confirmedQty = new Map<string, number>();
    for (const o of orders.filter((o) => o.status === 'CONFIRMED'))
      for (const l of o.items) confirmedQty.set(l.productId, (confirmedQty.get(l.productId) ?? 0) + l.quantity);
    for (const p of products) {
      const want = initial.get(p)! - (confirmedQty.get(p) ?? 0);
      let level: Json;
      for (let i = 0; i < 100; i++) {
        level = (await http(base, 'GET', `/api/inventory/${p}`)).body;
        if (level.reserved === 0 && level.onHand === want) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(level).toMatchObject({ onHand: want, reserved: 0 });
    }

    // Exactly one captured payment per confirmed order, for its total; nothing kept for the others.
    for (const o of orders) {
      const pays = (await http(base, 'GET', `/api/payments?orderId=${o.id}`, { token: adminAgain })).body.items;
      const captured = pays.filter((p: Json) => p.status === 'CAPTURED');
      if (o.status === 'CONFIRMED') {
        expect(pays).toHaveLength(1);
        expect(captured[0]).toMatchObject({ amountCents: o.totalCents });
      } else {
        expect(captured).toHaveLength(0);
      }
    }
  }, 120_000);
});
