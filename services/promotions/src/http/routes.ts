import {
  idParams,
  pageOf,
  promoCode,
  promotion,
  promotionInput,
  promotionListQuery,
  promotionPatch,
  promotionQuote,
  promotionQuoteQuery,
} from '@mercato/contracts';
import { adminOnly, requireUser, signedIn, type HttpApp, type ServiceContext } from '@mercato/kernel';
import { z } from 'zod';
import { createPromotion } from '../app/create-promotion.ts';
import { quotePromotion } from '../app/quote-promotion.ts';
import { updatePromotion } from '../app/update-promotion.ts';
import { listPromotions } from '../db/promotions-repo.ts';

const tags = ['promotions'];
const security = [{ bearerAuth: [] }];

export function promotionsRoutes(app: HttpApp, ctx: ServiceContext) {
  const { db } = ctx;

  app.get(
    '/api/promotions/:code/quote',
    {
      ...signedIn,
      schema: {
        tags,
        summary: 'What a code takes off a subtotal for the caller, now (the checkout shows it before the order is placed)',
        security,
        params: z.object({ code: promoCode }),
        querystring: promotionQuoteQuery,
        response: { 200: promotionQuote },
      },
    },
    async (req) => quotePromotion(db, requireUser(req).userId, { code: req.params.code, ...req.query }),
  );

  app.post(
    '/api/admin/promotions',
    {
      ...adminOnly,
      schema: { tags, summary: 'Create a promotion code (admin)', security, body: promotionInput, response: { 201: promotion } },
    },
    async (req, reply) => reply.code(201).send(await createPromotion(db, req.body)),
  );

  app.get(
    '/api/admin/promotions',
    {
      ...adminOnly,
      schema: {
        tags,
        summary: 'Promotions, newest first, with how often each is held or used (admin)',
        security,
        querystring: promotionListQuery,
        response: { 200: pageOf(promotion) },
      },
    },
    async (req) => {
      const active = req.query.active === undefined ? undefined : req.query.active === 'true';
      const { items, total } = await listPromotions(db, { active, page: req.query.page, pageSize: req.query.pageSize });
      return { items, page: req.query.page, pageSize: req.query.pageSize, total };
    },
  );

  app.patch(
    '/api/admin/promotions/:id',
    {
      ...adminOnly,
      schema: {
        tags,
        summary: "Change a promotion's description, end, limit or whether it is active (admin)",
        security,
        params: idParams,
        body: promotionPatch,
        response: { 200: promotion },
      },
    },
    async (req) => updatePromotion(db, req.params.id, req.body),
  );
}
