import type { DisputeReason, DisputeStatus, OrderStatus, PaymentStatus, ReturnReason, ReturnStatus, ShipmentStatus } from '../api/types.ts';

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Integer minor units to a localised amount, e.g. 1400 EUR -> "€14.00". */
export function formatMoney(cents: number, currency: string | null = 'EUR'): string {
  currency ??= 'EUR';
  let f = moneyFormats.get(currency);
  if (!f) {
    try {
      f = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    } catch {
      f = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    moneyFormats.set(currency, f);
  }
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return f.format(cents / 10 ** digits);
}

/** "12.50" -> 1250; null when it is not an amount with at most two decimals. */
export function parseMoney(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  const [whole, frac = ''] = t.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

export function centsToInput(cents: number): string {
  return (cents / 100).toFixed(2);
}

const percent = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
/** 20 -> "20%", 5.5 -> "5.5%". */
export const formatPercent = (value: number) => `${percent.format(value)}%`;

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
export const formatTime = (iso: string) => timeOnly.format(new Date(iso));

export const STATUS_LABELS: Record<OrderStatus, string> = {
  PENDING: 'Pending',
  AWAITING_PAYMENT: 'Awaiting payment',
  AWAITING_ACTION: 'Waiting for you to confirm the payment',
  CONFIRMED: 'Confirmed',
  REJECTED: 'Rejected',
  CANCELLED: 'Cancelled',
  SHIPPED: 'Shipped',
  DELIVERED: 'Delivered',
};

export const SHIPMENT_STATUS_LABELS: Record<ShipmentStatus, string> = {
  LABEL_CREATED: 'Label created',
  IN_TRANSIT: 'In transit',
  OUT_FOR_DELIVERY: 'Out for delivery',
  DELIVERED: 'Delivered',
  EXCEPTION: 'Delivery problem',
};

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  REQUIRES_ACTION: 'Waiting for your bank',
  AUTHORIZED: 'Authorised',
  CAPTURED: 'Captured',
  DECLINED: 'Declined',
  PARTIALLY_REFUNDED: 'Partly refunded',
  REFUNDED: 'Refunded',
};

export const DISPUTE_STATUS_LABELS: Record<DisputeStatus, string> = {
  NEEDS_RESPONSE: 'Needs an answer',
  UNDER_REVIEW: 'Under review',
  WON: 'Won',
  LOST: 'Lost',
};

export const DISPUTE_REASON_LABELS: Record<DisputeReason, string> = {
  fraudulent: 'Fraudulent',
  product_not_received: 'Product not received',
  product_unacceptable: 'Product unacceptable',
  duplicate: 'Charged twice',
  other: 'Other',
};

export const RETURN_STATUS_LABELS: Record<ReturnStatus, string> = {
  REQUESTED: 'Requested',
  APPROVED: 'Approved',
  REJECTED: 'Rejected',
  RECEIVED: 'Received',
  REFUNDED: 'Refunded',
  CANCELLED: 'Withdrawn',
};

export const RETURN_REASON_LABELS: Record<ReturnReason, string> = {
  damaged: 'It arrived damaged',
  wrong_item: 'I received the wrong item',
  not_as_described: 'It is not as described',
  no_longer_needed: 'I no longer need it',
  other: 'Another reason',
};

/** A return in these statuses holds its items: the rest of each order line is what may still be returned. */
export const CLAIMING_RETURN_STATUSES: readonly ReturnStatus[] = ['REQUESTED', 'APPROVED', 'RECEIVED', 'REFUNDED'];
/** Its customer may withdraw a return until the items are received. */
export const WITHDRAWABLE_RETURN_STATUSES: readonly ReturnStatus[] = ['REQUESTED', 'APPROVED'];

const REASONS: Record<string, string> = {
  insufficient_stock: 'Not enough stock for one of the items',
  unknown_product: 'One of the products no longer exists',
  payment_declined: 'The payment was declined',
  customer_cancelled: 'Cancelled by you',
  admin_cancelled: 'Cancelled by the shop',
  payment_timeout: 'The payment did not complete in time',
};

export function reasonText(reason: string | null | undefined): string {
  if (!reason) return '';
  return REASONS[reason] ?? reason.replace(/_/g, ' ');
}

/** The checkout saga is still at work (reserving stock, taking the payment); every later status is its outcome or fulfilment's. */
export const CHECKOUT_STATUSES: readonly OrderStatus[] = ['PENDING', 'AWAITING_PAYMENT', 'AWAITING_ACTION'];
/** The order has a parcel: its page shows the delivery. */
export const SHIPPED_STATUSES: readonly OrderStatus[] = ['SHIPPED', 'DELIVERED'];

export function pluralize(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/** A stable hue per category, so product placeholders are told apart at a glance. */
const HUES = [210, 24, 150, 275, 345, 45, 120];
export function categoryHue(category: string): number {
  let h = 0;
  for (const ch of category) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return HUES[h % HUES.length];
}

/** How an id is shown short: its random tail, since a UUIDv7 starts with a timestamp that ids of the same minute share. */
export const shortId = (id: string) => id.slice(-8);
