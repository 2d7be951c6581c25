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
