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

/**
 * Splits an amount of minor units in proportion to the weights, in whole units that add up to it
 * exactly: each part is rounded down and the units left over go to the largest remainders (the
 * first of equal ones), so no cent is made or lost.
 */
export function allocate(amountCents: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(amountCents) || amountCents < 0) throw new RangeError(`amount must be a non-negative integer: ${amountCents}`);
  const total = weights.reduce((a, w) => a + w, 0);
  if (total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (amountCents * w) / total);
  const parts = exact.map(Math.floor);
  let left = amountCents - parts.reduce((a, p) => a + p, 0);
  const byRemainder = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((x, y) => y.r - x.r || x.i - y.i);
  for (const { i } of byRemainder) {
    if (left === 0) break;
    parts[i]++;
    left--;
  }
  return parts;
}

/** Building an Intl.NumberFormat costs far more than using one (about 1 ms): one per currency. */
const formats = new Map<string, { format: Intl.NumberFormat; scale: number }>();

/** Minor units to a display amount, with the currency's own number of decimals (JPY has none). */
export function formatMoney(amountCents: number, currency: string): string {
  let f = formats.get(currency);
  if (!f) {
    const format = new Intl.NumberFormat('en', { style: 'currency', currency });
    f = { format, scale: 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2) };
    if (formats.size < 200) formats.set(currency, f);
  }
  return f.format.format(amountCents / f.scale);
}
