import { newId } from '@mercato/kernel';
import { describe, expect, it } from 'vitest';
import { chargeKey, refundable, refundKey, refundReference, refundStep, returnRefundKey } from '../src/domain/payment.ts';
import { chargeStep, paymentMachine, paymentState, paymentStatusAfter } from '../src/domain/payment-machine.ts';
import { simulatedProvider } from '../src/provider/simulated.ts';

describe('payment decisions', () => {
  it('charges an order only when it has no payment row at all', () => {
    expect(paymentMachine.can(paymentState(null), 'capture')).toBe(true);
    for (const status of ['CAPTURED', 'DECLINED', 'REFUNDED', 'VOIDED'] as const) expect(paymentMachine.can(status, 'capture')).toBe(false);
  });

  it('refunds a capture, voids a payment not yet requested, and leaves the rest alone', () => {
    expect(paymentMachine.next('CAPTURED', 'cancel')).toMatchObject({ to: 'REFUNDED', emits: 'payment.refunded' });
    expect(paymentMachine.next(paymentState(null), 'cancel')).toMatchObject({ to: 'VOIDED' });
    for (const status of ['DECLINED', 'REFUNDED', 'VOIDED'] as const) expect(paymentMachine.next(status, 'cancel')).toBeNull();
  });

  it('refunds what was asked, never more than is left of the capture, and nothing of what was not captured', () => {
    const captured = { status: 'CAPTURED' as const, amountCents: 5000, refundedCents: 0, disputedCents: 0 };
    expect(refundable(captured, 1200)).toBe(1200);
    expect(refundable({ ...captured, status: 'PARTIALLY_REFUNDED', refundedCents: 4000 }, 1200)).toBe(1000);
    expect(refundable({ ...captured, refundedCents: 1000, disputedCents: 3500 }, 1200)).toBe(500);
    for (const status of ['DECLINED', 'REFUNDED', 'VOIDED'] as const) expect(refundable({ ...captured, status }, 1200)).toBe(0);
    expect(refundable(null, 1200)).toBe(0);
  });

  it('is REFUNDED once a refund gives back all that is left, PARTIALLY_REFUNDED before', () => {
    const captured = { status: 'CAPTURED' as const, amountCents: 5000, refundedCents: 1000, disputedCents: 1500 };
    expect(paymentStatusAfter('CAPTURED', refundStep(captured, 2500))).toBe('REFUNDED');
    expect(paymentStatusAfter('CAPTURED', refundStep(captured, 2499))).toBe('PARTIALLY_REFUNDED');
    expect(() => paymentStatusAfter('DECLINED', 'refund')).toThrow(/refund does not apply to DECLINED/);
    expect(() => paymentMachine.check()).not.toThrow();
  });

  it('names each refund by what it is for: a cancelled order, or one of its returns', () => {
    const orderId = '0190a000-0000-7000-8000-000000000001';
    const returnId = '0190a000-0000-7000-8000-000000000002';
    expect(refundReference({ orderId })).toBe(`order:${orderId}`);
    expect(refundReference({ orderId, returnId })).toBe(`return:${returnId}`);
    expect(returnRefundKey(returnId)).toBe(`refund:return:${returnId}`);
  });

  it('derives idempotency keys from the order, never from the event', () => {
    const orderId = '0190a000-0000-7000-8000-000000000001';
    expect(chargeKey(orderId)).toBe(`charge:${orderId}`);
    expect(refundKey(orderId)).toBe(`refund:${orderId}`);
  });
});

describe('simulated provider', () => {
  const provider = simulatedProvider();
  const charge = (paymentMethod: string, idempotencyKey = 'charge:a') =>
    provider.charge({ idempotencyKey, orderId: newId(), customerId: newId(), amountCents: 1000, currency: 'EUR', paymentMethod });

  it('captures the succeeding test cards with an id derived from the key', async () => {
    const visa = await charge('pm_card_visa');
    expect(visa).toMatchObject({ status: 'succeeded', chargeId: expect.stringMatching(/^ch_[0-9a-f]{24}$/) });
    expect(await charge('pm_card_visa')).toEqual(visa);
    expect(await charge('pm_card_mastercard', 'charge:b')).toMatchObject({ status: 'succeeded' });
    expect(await charge('pm_card_visa', 'charge:b')).not.toEqual(visa);
  });

  it('declines the declining test cards with their reason', async () => {
    expect(await charge('pm_card_chargeDeclined')).toEqual({ status: 'declined', reason: 'card_declined' });
    expect(await charge('pm_card_insufficientFunds')).toEqual({ status: 'declined', reason: 'insufficient_funds' });
  });

  it('declines a method it does not know, including inherited property names', async () => {
    expect(await charge('pm_card_amex')).toEqual({ status: 'declined', reason: 'invalid_payment_method' });
    expect(await charge('toString')).toEqual({ status: 'declined', reason: 'invalid_payment_method' });
  });

  it('answers a repeated refund with the same refund id', async () => {
    const first = await provider.refund({ idempotencyKey: 'refund:a', chargeId: 'ch_x', amountCents: 1000 });
    expect(first.refundId).toMatch(/^re_[0-9a-f]{24}$/);
    expect(await provider.refund({ idempotencyKey: 'refund:a', chargeId: 'ch_x', amountCents: 1000 })).toEqual(first);
  });
});

describe('chargeStep', () => {
  const captured = { status: 'succeeded', chargeId: 'pi_1', captured: true } as const;
  it('takes a provider answer to the step of the payment table it means', () => {
    expect(chargeStep(captured, 'NONE')).toBe('capture');
    expect(chargeStep({ ...captured, captured: false }, 'NONE')).toBe('authorize');
    expect(chargeStep({ status: 'requires_action', chargeId: 'pi_1' }, 'NONE')).toBe('requireAction');
    expect(chargeStep({ status: 'declined', reason: 'card_declined' }, 'REQUIRES_ACTION')).toBe('decline');
  });

  it('settles an authorisation already held when the capture is reported', () => {
    expect(chargeStep(captured, 'AUTHORIZED')).toBe('settle');
    expect(chargeStep(captured, 'REQUIRES_ACTION')).toBe('capture');
  });
});
