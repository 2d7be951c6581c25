import { describe, expect, it } from 'vitest';
import { afterFailure, initialEmailStatus, MAX_ATTEMPTS } from '../src/domain/delivery.ts';
import { formatMoney } from '@mercato/kernel';
import { emailFor, messageFor, orderRef } from '../src/domain/messages.ts';

const orderId = '0190a000-0000-7000-8000-00000abc1234';
const customerId = '0190a000-0000-7000-8000-000000000001';

describe('formatMoney', () => {
  it('formats minor units with the currency symbol and its decimals', () => {
    expect(formatMoney(1_234, 'EUR')).toBe('€12.34');
    expect(formatMoney(5, 'USD')).toBe('$0.05');
    expect(formatMoney(123_456_789, 'GBP')).toBe('£1,234,567.89');
    expect(formatMoney(500, 'JPY')).toBe('¥500');
    expect(formatMoney(0, 'EUR')).toBe('€0.00');
  });
});

describe('messages', () => {
  it('refers to an order by the random tail of its id', () => {
    expect(orderRef(orderId)).toBe('#0ABC1234');
  });

  it('tells the customer an order was received, with its total', () => {
    const m = messageFor('order.placed', {
      orderId,
      customerId,
      items: [{ productId: customerId, quantity: 1, unitPriceCents: 4_250 }],
      totalCents: 4_250,
      currency: 'EUR',
    });
    expect(m).toEqual({
      kind: 'order.placed',
      userId: customerId,
      orderId,
      subject: '',
      title: 'Order received',
      body: 'We received your order #0ABC1234 for €42.50. We will let you know as soon as it is confirmed.',
    });
  });

  it('confirms with the amount paid', () => {
    const m = messageFor('order.confirmed', { orderId, customerId, totalCents: 999, currency: 'USD' });
    expect(m.title).toBe('Order confirmed');
    expect(m.body).toContain('your payment of $9.99 was received');
  });

  it('explains a rejection', () => {
    expect(messageFor('order.rejected', { orderId, customerId, reason: 'insufficient_stock' }).body).toBe(
      'We could not accept your order #0ABC1234 because some items are out of stock. You have not been charged.',
    );
    expect(messageFor('order.rejected', { orderId, customerId, reason: 'unknown_product' }).body).toContain('no longer sold');
  });

  it('explains each reason for a cancellation', () => {
    const because = (reason: 'payment_declined' | 'customer_cancelled' | 'payment_timeout' | 'admin_cancelled') =>
      messageFor('order.cancelled', { orderId, customerId, reason, previousStatus: 'AWAITING_PAYMENT' }).body;
    expect(because('payment_declined')).toBe('Your order #0ABC1234 was cancelled because your payment was declined.');
    expect(because('customer_cancelled')).toContain('you asked us to cancel it');
    expect(because('payment_timeout')).toContain('not completed in time');
    expect(because('admin_cancelled')).toContain('our team');
  });

  it('announces a refund with its amount', () => {
    const m = messageFor('payment.refunded', { orderId, customerId, paymentId: customerId, amountCents: 1_050, currency: 'EUR' });
    expect(m).toMatchObject({ kind: 'payment.refunded', title: 'Refund issued' });
    expect(m.body).toContain('We refunded €10.50 for your order #0ABC1234.');
  });

  it('tells the customer their order left, with the carrier and how to follow it', () => {
    const base = { shipmentId: customerId, orderId, customerId, carrier: 'mercato-post', trackingNumber: 'MP473124829XX' };
    const plain = messageFor('shipment.created', { ...base, trackingUrl: null });
    expect(plain).toMatchObject({ kind: 'shipment.created', title: 'Order shipped', orderId });
    expect(plain.body).toBe(
      'Your order #0ABC1234 is on its way with mercato-post. Its tracking number is MP473124829XX; follow it on the order page.',
    );
    expect(messageFor('shipment.created', { ...base, trackingUrl: 'https://carrier.example/t/MP473124829XX' }).body).toContain(
      'follow it at https://carrier.example/t/MP473124829XX.',
    );
  });

  it('tells the customer their order was delivered', () => {
    expect(messageFor('order.delivered', { orderId, customerId, items: [{ productId: customerId, quantity: 1 }] })).toMatchObject({
      kind: 'order.delivered',
      title: 'Order delivered',
    });
  });

  it('tells a return apart from its order, so each return of an order is told of on its own', () => {
    const returnId = '0190a000-0000-7000-8000-00000000beef';
    const refund = messageFor('payment.refunded', {
      orderId,
      customerId,
      paymentId: customerId,
      amountCents: 500,
      currency: 'EUR',
      returnId,
    });
    expect(refund).toMatchObject({ subject: returnId, title: 'Refund issued' });
    expect(refund.body).toContain('We refunded €5.00 for the items you returned from your order #0ABC1234.');
    expect(messageFor('return.approved', { returnId, orderId, customerId, note: null })).toMatchObject({
      subject: returnId,
      title: 'Return approved',
    });
    expect(messageFor('return.rejected', { returnId, orderId, customerId, note: 'The seal was broken.' }).body).toBe(
      'We could not accept your return for order #0ABC1234: The seal was broken.',
    );
  });

  it('turns a message into an email, greeting the customer by name when known', () => {
    const m = messageFor('order.confirmed', { orderId, customerId, totalCents: 100, currency: 'EUR' });
    expect(emailFor(m, 'Ada')).toEqual({
      subject: 'Order confirmed (order #0ABC1234)',
      body: `Hi Ada,\n\n${m.body}\n\nMercato`,
    });
    expect(emailFor(m).body.startsWith('Hello,\n\n')).toBe(true);
    expect(emailFor(m, '  ').body.startsWith('Hello,')).toBe(true);
  });
});

describe('delivery policy', () => {
  it('queues mail only with an address and a channel', () => {
    expect(initialEmailStatus(true, true)).toBe('pending');
    expect(initialEmailStatus(true, false)).toBe('kept');
    expect(initialEmailStatus(false, true)).toBe('kept');
  });

  it('retries with a doubling delay and gives up after the last attempt', () => {
    expect([1, 2, 3, 4].map(afterFailure)).toEqual([1000, 2000, 4000, 8000].map((retryInMs) => ({ status: 'pending', retryInMs })));
    expect(afterFailure(MAX_ATTEMPTS)).toEqual({ status: 'failed' });
  });
});
