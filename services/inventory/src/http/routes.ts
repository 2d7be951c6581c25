import { productIdParams, stockInput, stockLevel, uuid } from '@mercato/contracts';
import { adminOnly, type HttpApp, type ServiceContext } from '@mercato/kernel';
import { z } from 'zod';
import { setStock } from '../app/set-stock.ts';
import { available, type Stock } from '../domain/reservation.ts';
import { getStock, lowStock, stockTotals } from '../db/stock-repo.ts';

const tags = ['inventory'];
const admin = [{ bearerAuth: [] }];

const view = (s: Stock) => ({ productId: s.productId, onHand: s.onHand, reserved: s.reserved, available: available(s) });
/** A product never stocked simply has nothing on hand. */
const orEmpty = (productId: string, s?: Stock) => view(s ?? { productId, onHand: 0, reserved: 0 });

const listQuery = z.object({
  productIds: z
    .string()
    .max(40 * 100)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(uuid).min(1).max(100)),
});

export function inventoryRoutes(app: HttpApp, ctx: ServiceContext) {
  const { db } = ctx;

  app.get(
    '/api/inventory/:productId',
    { schema: { tags, summary: 'Stock level of a product', params: productIdParams, response: { 200: stockLevel } } },
    async (req) => orEmpty(req.params.productId, (await getStock(db, [req.params.productId]))[0]),
  );

  app.get(
    '/api/inventory',
    {
      schema: {
        tags,
        summary: 'Stock levels of several products',
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(stockLevel) }) },
      },
    },
    async (req) => {
      const found = new Map((await getStock(db, req.query.productIds)).map((s) => [s.productId, s]));
      return { items: req.query.productIds.map((id) => orEmpty(id, found.get(id))) };
    },
  );

  app.put(
    '/api/inventory/:productId',
    {
      ...adminOnly,
      schema: {
        tags,
        summary: 'Set on-hand stock (admin)',
        security: admin,
        params: productIdParams,
        body: stockInput,
        response: { 200: stockLevel },
      },
    },
    async (req) => view(await setStock(db, req.params.productId, req.body.onHand)),
  );

  app.get(
    '/api/admin/inventory/low-stock',
    {
      ...adminOnly,
      schema: {
        tags,
        summary: 'Products at or below a stock threshold (admin)',
        security: admin,
        querystring: z.object({
          threshold: z.coerce.number().int().min(0).max(1_000_000).default(5),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: z.object({ items: z.array(stockLevel) }) },
      },
    },
    async (req) => {
      return { items: (await lowStock(db, req.query.threshold, req.query.limit)).map(view) };
    },
  );

  app.get(
    '/api/admin/inventory/totals',
    {
      ...adminOnly,
      schema: {
        tags,
        summary: 'Stock totals across all products (admin; what conservation checks read)',
        security: admin,
        response: { 200: z.object({ onHand: z.number(), reserved: z.number(), openReservations: z.number() }) },
      },
    },
    async () => stockTotals(db),
  );
}
