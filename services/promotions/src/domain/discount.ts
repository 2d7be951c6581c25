import type { Promotion, PromotionQuote } from '@mercato/contracts';
import { formatMoney } from '@mercato/kernel';

export type Refusal = { ok: false; code: 'promotion_not_applicable'; message: string };
export type Applies = { ok: true; discountCents: number };

const refuse = (message: string): Refusal => ({ ok: false, code: 'promotion_not_applicable', message });

/**
 * What a promotion takes off a subtotal now, or why it does not apply: inactive, not yet or no
 * longer valid, another currency, a subtotal below its minimum. Percentages round to the nearest
 * cent; a fixed amount never exceeds the subtotal.
 */
export function discountFor(p: Promotion, subtotalCents: number, currency: string, now: number): Applies | Refusal {
  if (!p.active) return refuse('This code is not valid');
  if (p.startsAt && now < Date.parse(p.startsAt)) return refuse('This code is not valid yet');
  if (p.endsAt && now >= Date.parse(p.endsAt)) return refuse('This code has expired');
  if (p.kind === 'fixed' && p.currency !== currency) return refuse(`This code applies to orders in ${p.currency}`);
  if (subtotalCents < p.minSubtotalCents)
    return refuse(`This code needs a subtotal of at least ${formatMoney(p.minSubtotalCents, currency)}`);
  const discountCents =
    p.kind === 'percent' ? Math.round((subtotalCents * p.percentOff!) / 100) : Math.min(p.amountOffCents!, subtotalCents);
  return { ok: true, discountCents };
}

/** Whether one more order may hold the promotion: its overall limit and the customer's own. */
export function withinLimits(
  p: Pick<Promotion, 'maxRedemptions' | 'perCustomerLimit' | 'redemptions'>,
  customerHolds: number,
): Refusal | null {
  if (p.maxRedemptions !== null && p.redemptions >= p.maxRedemptions) return refuse('This code has been used up');
  if (customerHolds >= p.perCustomerLimit)
    return refuse(
      p.perCustomerLimit === 1 ? 'You have used this code already' : `You have used this code ${p.perCustomerLimit} times already`,
    );
  return null;
}

/** What a promotion takes off a customer's subtotal now, given how many of their orders hold it, or why it does not apply. */
export function quoteFor(
  p: Promotion,
  subtotalCents: number,
  currency: string,
  customerHolds: number,
  now: number,
): PromotionQuote | Refusal {
  const applies = discountFor(p, subtotalCents, currency, now);
  if (!applies.ok) return applies;
  return withinLimits(p, customerHolds) ?? { promotionId: p.id, code: p.code, discountCents: applies.discountCents };
}
