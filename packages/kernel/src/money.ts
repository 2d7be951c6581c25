import { unprocessable } from './errors.ts';

/** Money is an integer count of minor units plus an ISO 4217 code, never a float. */
export interface Money {
  amountCents: number;
  currency: string;
}

export const CURRENCY_PATTERN = /^[A-Z]{3}$/;

export function money(amountCents: number, currency: string): Money {
  if (!Number.isSafeInteger(amountCents)) throw new RangeError(`amount must be an integer of minor units: ${amountCents}`);
  if (!CURRENCY_PATTERN.test(currency)) throw new RangeError(`not an ISO 4217 currency: ${currency}`);
  return { amountCents, currency };
}

export function multiply(unit: Money, quantity: number): Money {
  if (!Number.isSafeInteger(quantity) || quantity < 0) throw new RangeError(`quantity must be a non-negative integer: ${quantity}`);
  return money(unit.amountCents * quantity, unit.currency);
}

/** Adds amounts of one currency; mixing currencies is a client error, not a conversion. */
export function sum(amounts: Money[], currency?: string): Money {
  const target = currency ?? amounts[0]?.currency;
  if (!target) throw new RangeError('cannot sum no amounts without a currency');
  let total = 0;
  for (const a of amounts) {
    if (a.currency !== target) throw unprocessable('mixed_currency', `cannot add ${a.currency} to ${target}`);
    total += a.amountCents;
  }
  return money(total, target);
}
