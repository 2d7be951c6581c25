import type { PromotionQuote } from '@mercato/contracts';
import { conflict, notFound, type Queryable } from '@mercato/kernel';
import { customerHolds, findPromotion } from '../db/promotions-repo.ts';
import { quoteFor } from '../domain/discount.ts';

export interface QuoteRequest {
  code: string;
  subtotalCents: number;
  currency: string;
}

/** The discount a code gives this customer's subtotal now, or the 409 that says why it does not. */
export async function quotePromotion(db: Queryable, customerId: string, q: QuoteRequest): Promise<PromotionQuote> {
  const found = await findPromotion(db, { code: q.code });
  if (!found) throw notFound('Promotion code');
  return quoteOrRefuse(quoteFor(found, q.subtotalCents, q.currency, await customerHolds(db, found.id, customerId), Date.now()));
}

/** A refusal is a 409 with the refusal's code and message, for the checkout to show. */
export function quoteOrRefuse(quote: ReturnType<typeof quoteFor>): PromotionQuote {
  if ('ok' in quote) throw conflict(quote.code, quote.message);
  return quote;
}
