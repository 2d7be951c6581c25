import {
  idParams,
  pageOf,
  promoCode,
  promotion,
  promotionHoldInput,
  promotionInput,
  promotionListQuery,
  promotionPatch,
  promotionQuote,
  promotionQuoteQuery,
  type Promotion,
} from '@mercato/contracts';
import { adminOnly, conflict, newId, notFound, requireUser, signedIn, type HttpApp, type ServiceContext } from '@mercato/kernel';
import { z } from 'zod';
import { customerHolds, findHold, findPromotion, insertHold, insertPromotion, listPromotions, updatePromotion } from '../db/promotions-repo.ts';
import { discountFor, withinLimits } from '../domain/discount.ts';

const tags = ['promotions'];
const security = [{ bearerAuth: [] }];

export function promotionsRoutes(app: HttpApp, ctx: ServiceContext) {
  const { db } = ctx;

  /** The discount a promotion gives this customer's subtotal now, or the 409 that says why it does not. */
  function quote(p: Promotion, subtotalCents: number, currency: string, holdsOfCustomer: number) {
    const applies = discountFor(p, subtotalCents, currency, Date.now());
    if (!applies.ok) throw conflict(applies.code, applies.message);
    const limited = withinLimits(p, holdsOfCustomer);
    if (limited) throw conflict(limited.code, limited.message);
    return { promotionId: p.id, code: p.code, discountCents: applies.discountCents };
  }

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
    async (req) => {
      const customer = requireUser(req);
      const found = await findPromotion(db, { code: req.params.code });
      if (!found) throw notFound('Promotion code');
      return quote(found, req.query.subtotalCents, req.query.currency, await customerHolds(db, found.id, customer.userId));
    },
  );

  app.post(
    '/api/promotions/holds',
    {
      ...signedIn,
      schema: {
        tags,
        summary: "Hold a code for the caller's order about to be placed (orders calls it): counted against its limits until the order is confirmed or fails",
        description: 'The same order asking again gets the same hold. A hold whose order never comes expires.',
        security,
        body: promotionHoldInput,
        response: { 200: promotionQuote },
      },
    },
    async (req) => {
      const customer = requireUser(req);
      const { code, orderId, subtotalCents, currency } = req.body;
      return db.transaction(async (tx) => {
        // The promotion's row lock serialises the holds of one code, so its limits are never overrun.
        const found = await findPromotion(tx, { code }, true);
        if (!found) throw notFound('Promotion code');
        const held = await findHold(tx, orderId);
        if (held) {
          if (held.customerId !== customer.userId || held.promotionId !== found.id) throw conflict('order_holds_another_promotion', 'This order holds another promotion');
          return { promotionId: found.id, code: found.code, discountCents: held.discountCents };
        }
        const result = quote(found, subtotalCents, currency, await customerHolds(tx, found.id, customer.userId));
        await insertHold(tx, { orderId, promotionId: found.id, customerId: customer.userId, discountCents: result.discountCents });
        return result;
      });
    },
  );

  app.post(
    '/api/admin/promotions',
    { ...adminOnly, schema: { tags, summary: 'Create a promotion code (admin)', security, body: promotionInput, response: { 201: promotion } } },
    async (req, reply) => {
      const created = await insertPromotion(db, newId(), req.body);
      if (!created) throw conflict('promotion_code_taken', `The code ${req.body.code} exists already`);
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/admin/promotions',
    { ...adminOnly, schema: { tags, summary: 'Promotions, newest first, with how often each is held or used (admin)', security, querystring: promotionListQuery, response: { 200: pageOf(promotion) } } },
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
      schema: { tags, summary: "Change a promotion's description, end, limit or whether it is active (admin)", security, params: idParams, body: promotionPatch, response: { 200: promotion } },
    },
    async (req) => {
      const updated = await updatePromotion(db, req.params.id, req.body);
      if (!updated) throw notFound('Promotion');
      return updated;
    },
  );
}
