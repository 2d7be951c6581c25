import { promotionHoldInput, promotionQuote } from '@mercato/contracts';
import { internalOnly, requireUser, type HttpApp, type ServiceContext } from '@mercato/kernel';
import { holdPromotion } from '../app/hold-promotion.ts';

/** What orders asks of promotions at checkout: with the service credential, never through the gateway. */
export function promotionsInternalRoutes(app: HttpApp, ctx: ServiceContext) {
  app.post(
    '/internal/promotions/holds',
    {
      ...internalOnly,
      schema: {
        summary:
          "Hold a code for the customer's order about to be placed: counted against its limits until the order is confirmed or fails",
        description: 'The customer is the one whose token orders passes on. The same order asking again gets the same hold (200).',
        body: promotionHoldInput,
        response: { 200: promotionQuote, 201: promotionQuote },
      },
    },
    async (req, reply) => {
      const { quote, created } = await holdPromotion(ctx.db, requireUser(req).userId, req.body);
      return reply.code(created ? 201 : 200).send(quote);
    },
  );
}
