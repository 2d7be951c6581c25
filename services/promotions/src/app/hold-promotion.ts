import type { PromotionQuote } from '@mercato/contracts';
import { conflict, notFound, type Db } from '@mercato/kernel';
import { customerHolds, findHold, findPromotion, insertHold } from '../db/promotions-repo.ts';
import { quoteFor } from '../domain/discount.ts';
import { quoteOrRefuse, type QuoteRequest } from './quote-promotion.ts';

export interface HeldPromotion {
  quote: PromotionQuote;
  /** false: the order had asked before and gets the hold it has. */
  created: boolean;
}

/**
 * Holds a code for a customer's order about to be placed, counted against its limits until the order
 * is confirmed or fails. The same order asking again gets the same hold.
 */
export async function holdPromotion(db: Db, customerId: string, h: QuoteRequest & { orderId: string }): Promise<HeldPromotion> {
  return db.transaction(async (tx) => {
    // The promotion's row lock serialises the holds of one code, so its limits are never overrun.
    const found = await findPromotion(tx, { code: h.code }, true);
    if (!found) throw notFound('Promotion code');
    const held = await findHold(tx, h.orderId);
    if (held) {
      if (held.customerId !== customerId || held.promotionId !== found.id)
        throw conflict('order_holds_another_promotion', 'This order holds another promotion');
      return { quote: { promotionId: found.id, code: found.code, discountCents: held.discountCents }, created: false };
    }
    const result = quoteOrRefuse(quoteFor(found, h.subtotalCents, h.currency, await customerHolds(tx, found.id, customerId), Date.now()));
    await insertHold(tx, { orderId: h.orderId, promotionId: found.id, customerId, discountCents: result.discountCents });
    return { quote: result, created: true };
  });
}
