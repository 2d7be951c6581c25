/**
 * The payment-gateway port. Every call that moves money takes an idempotency key: the same key always
 * yields the same outcome and never moves money twice, so a handler may safely call again after a crash.
 */
export interface PaymentProvider {
  /** How payments name it on each payment: `simulator`, `stripe`. */
  readonly name: string;
  charge(req: ChargeRequest): Promise<ChargeResult>;
  /** Takes the money an authorisation holds (manual capture, when the order ships). */
  capture(req: { idempotencyKey: string; chargeId: string }): Promise<void>;
  /** Releases an authorisation, or abandons a charge that waits for the customer, before any money moved. */
  void(req: { idempotencyKey: string; chargeId: string }): Promise<void>;
  refund(req: RefundRequest): Promise<{ refundId: string }>;
  /** What the customer's browser needs to confirm a payment waiting for them (Stripe.js's client secret); absent where nothing waits. */
  clientSecret?(chargeId: string): Promise<string | null>;
  /** Sends the shop's answer to a dispute the provider reported; absent where disputes are recorded by hand. */
  submitDisputeEvidence?(providerDisputeId: string, text: string): Promise<void>;
}

export interface ChargeRequest {
  idempotencyKey: string;
  orderId: string;
  customerId: string;
  amountCents: number;
  currency: string;
  paymentMethod: string;
}

/** The card as the provider reports it: what may be shown to its holder. */
export interface CardSummary {
  brand: string;
  last4: string;
}

/**
 * succeeded: captured, or only authorised (captured false) with manual capture; requires_action: the
 * customer must confirm (3-D Secure) and the provider's webhook tells the outcome; declined.
 * chargeId is the provider's reference of the payment (a PaymentIntent's id at Stripe).
 */
export type ChargeResult =
  | { status: 'succeeded'; chargeId: string; captured: boolean; card?: CardSummary }
  | { status: 'requires_action'; chargeId: string; card?: CardSummary }
  | { status: 'declined'; reason: string; chargeId?: string; card?: CardSummary };

export interface RefundRequest {
  idempotencyKey: string;
  chargeId: string;
  amountCents: number;
}
