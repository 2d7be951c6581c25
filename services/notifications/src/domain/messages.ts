import type { EventPayload, cancelReason, rejectReason } from '@mercato/contracts';
import type { z } from 'zod';
import { formatMoney } from '@mercato/kernel';

/** The events a customer hears about. */
export const CUSTOMER_EVENTS = [
  'order.placed',
  'order.confirmed',
  'order.rejected',
  'order.cancelled',
  'payment.refunded',
  'shipment.created',
  'order.delivered',
  'return.approved',
  'return.rejected',
] as const;
export type CustomerEvent = (typeof CUSTOMER_EVENTS)[number];

export interface Message {
  kind: CustomerEvent;
  userId: string;
  orderId: string;
  /** What within the order the message is about: a return's id, or '' for the order itself. */
  subject: string;
  title: string;
  body: string;
}

/** UUIDv7s of one period share their leading digits, so the short reference comes from the random tail. */
export const orderRef = (orderId: string) => `#${orderId.slice(-8).toUpperCase()}`;

const REJECTED_BECAUSE: Record<z.infer<typeof rejectReason>, string> = {
  insufficient_stock: 'some items are out of stock',
  unknown_product: 'an item is no longer sold',
};

const CANCELLED_BECAUSE: Record<z.infer<typeof cancelReason>, string> = {
  payment_declined: 'your payment was declined',
  customer_cancelled: 'you asked us to cancel it',
  payment_timeout: 'the payment was not completed in time',
  admin_cancelled: 'our team had to cancel it',
};

type Text = { title: string; body: string };

const TEXTS: { [K in CustomerEvent]: (p: EventPayload<K>) => Text } = {
  'order.placed': (p) => ({
    title: 'Order received',
    body:
      `We received your order ${orderRef(p.orderId)} for ${formatMoney(p.totalCents, p.currency)}.` +
      ' We will let you know as soon as it is confirmed.',
  }),
  'order.confirmed': (p) => ({
    title: 'Order confirmed',
    body:
      `Your order ${orderRef(p.orderId)} is confirmed and your payment of ${formatMoney(p.totalCents, p.currency)} was received.` +
      ' Thank you for shopping with us.',
  }),
  'order.rejected': (p) => ({
    title: 'Order not accepted',
    body: `We could not accept your order ${orderRef(p.orderId)} because ${REJECTED_BECAUSE[p.reason]}. You have not been charged.`,
  }),
  'order.cancelled': (p) => ({
    title: 'Order cancelled',
    body: `Your order ${orderRef(p.orderId)} was cancelled because ${CANCELLED_BECAUSE[p.reason]}.`,
  }),
  'shipment.created': (p) => ({
    title: 'Order shipped',
    body:
      `Your order ${orderRef(p.orderId)} is on its way with ${p.carrier}. Its tracking number is ${p.trackingNumber}` +
      `${p.trackingUrl ? `: follow it at ${p.trackingUrl}` : '; follow it on the order page'}.`,
  }),
  'order.delivered': (p) => ({
    title: 'Order delivered',
    body: `Your order ${orderRef(p.orderId)} was delivered. We hope you enjoy it.`,
  }),
  'payment.refunded': (p) => ({
    title: 'Refund issued',
    body:
      `We refunded ${formatMoney(p.amountCents, p.currency)} for ${p.returnId ? 'the items you returned from ' : ''}` +
      `your order ${orderRef(p.orderId)}. It can take a few days to appear on your statement.`,
  }),
  'return.approved': (p) => ({
    title: 'Return approved',
    body:
      `Your return for order ${orderRef(p.orderId)} is approved: please send the items back.` +
      ` We refund them as soon as they arrive.${p.note ? ` ${p.note}` : ''}`,
  }),
  'return.rejected': (p) => ({
    title: 'Return not accepted',
    body: `We could not accept your return for order ${orderRef(p.orderId)}${p.note ? `: ${p.note}` : '.'}`,
  }),
};

export function messageFor<K extends CustomerEvent>(kind: K, payload: EventPayload<K>): Message {
  const text = (TEXTS[kind] as (p: EventPayload<K>) => Text)(payload);
  const subject = 'returnId' in payload && typeof payload.returnId === 'string' ? payload.returnId : '';
  return { kind, userId: payload.customerId, orderId: payload.orderId, subject, ...text };
}

/** Two SMS segments at most: the message itself is short, and no link or greeting is worth a third. */
const SMS_LIMIT = 300;

/** The SMS twin of an in-app message. */
export function smsFor(message: Message): string {
  const text = `Mercato: ${message.body}`;
  return text.length <= SMS_LIMIT ? text : `${text.slice(0, SMS_LIMIT - 1)}…`;
}

/** The email twin of an in-app message; the name is unknown when the order's events outran the registration. */
export function emailFor(message: Message, recipientName?: string): { subject: string; body: string } {
  const greeting = recipientName?.trim() ? `Hi ${recipientName.trim()},` : 'Hello,';
  return {
    subject: `${message.title} (order ${orderRef(message.orderId)})`,
    body: `${greeting}\n\n${message.body}\n\nMercato`,
  };
}
