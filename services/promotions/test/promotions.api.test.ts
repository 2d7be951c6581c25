import { newId } from '@mercato/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promotion as newPromotion } from '../../../test/support/promotions.ts';
import { hostService, type Host } from '../../../test/support/service-host.ts';
import { promotionsService } from '../src/index.ts';

/** Promotions alone; using codes at checkout, with orders and payments, is in test/host/promotions.test.ts. */
let host: Host;
beforeAll(async () => {
  host = await hostService(promotionsService);
});
afterAll(() => host?.close());

const promotion = (body: Record<string, unknown> = {}) => newPromotion(host, body);

describe('promotion administration', () => {
  it('validates a new promotion, naming the field, and keeps codes unique', async () => {
    const create = (body: Record<string, unknown>) => host.call('POST', '/api/admin/promotions', { token: host.adminToken, body });
    for (const [body, field] of [
      [{ code: 'HALF', kind: 'percent' }, 'body.percentOff'],
      [{ code: 'TENOFF', kind: 'fixed', amountOffCents: 1000 }, 'body.amountOffCents'],
      [{ code: 'x', kind: 'percent', percentOff: 10 }, 'body.code'],
      [{ code: 'MUCH', kind: 'percent', percentOff: 101 }, 'body.percentOff'],
      [
        { code: 'BACKWARDS', kind: 'percent', percentOff: 5, startsAt: '2026-02-01T00:00:00Z', endsAt: '2026-01-01T00:00:00Z' },
        'body.endsAt',
      ],
    ] as const) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors.map((e: any) => e.field)).toContain(field);
    }
    const p = await promotion();
    const dup = await create({ code: p.code, kind: 'percent', percentOff: 5 });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('promotion_code_taken');
  });
});

describe('holds, the route orders calls', () => {
  const hold = async (headers: Record<string, string>) => {
    const { code } = await promotion({ maxRedemptions: 1 });
    const customer = host.signedIn();
    return host.call('POST', '/internal/promotions/holds', {
      token: customer.token,
      headers,
      body: { code, orderId: newId(), subtotalCents: 5000, currency: 'EUR' },
    });
  };

  it('demands the service credential: none is 401, a wrong one 403, the installation’s holds the code', async () => {
    const none = await hold({});
    expect([none.status, none.body.code, none.headers['content-type']]).toEqual([
      401,
      'service_credential_required',
      expect.stringContaining('application/problem+json'),
    ]);
    const wrong = await hold({ ...host.serviceHeaders, 'x-service-credential': 'x'.repeat(43) });
    expect([wrong.status, wrong.body.code]).toEqual([403, 'service_credential_invalid']);
    const right = await hold(host.serviceHeaders);
    expect([right.status, right.body.discountCents]).toEqual([201, 500]);
  });

  it('is no longer at its old public path', async () => {
    const old = await host.call('POST', '/api/promotions/holds', { token: host.signedIn().token, headers: host.serviceHeaders, body: {} });
    expect([old.status, old.body.code]).toEqual([404, 'not_found']);
  });
});
