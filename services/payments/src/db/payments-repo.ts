import type { Payment } from '@mercato/contracts';
import type { Queryable } from '@mercato/kernel';
import type { StoredStatus } from '../domain/payment-machine.ts';
import type { CardSummary } from '../provider/provider.ts';

export interface StoredPayment extends Omit<Payment, 'status' | 'method'> {
  customerId: string;
  status: StoredStatus;
  method: string;
  chargeId: string | null;
}

interface PaymentRow {
  id: string;
  order_id: string;
  customer_id: string;
  amount_cents: number;
  refunded_cents: number;
  disputed_cents: number;
  currency: string;
  method: string;
  status: StoredStatus;
  decline_reason: string | null;
  charge_id: string | null;
  provider: string;
  card_brand: string | null;
  card_last4: string | null;
  risk_score: number | null;
  risk_reasons: string[];
  created_at: Date;
  updated_at: Date;
}

const COLUMNS =
  'id, order_id, customer_id, amount_cents, refunded_cents, disputed_cents, currency, method, status, decline_reason, charge_id, ' +
  'provider, card_brand, card_last4, risk_score, risk_reasons, created_at, updated_at';

const toPayment = (r: PaymentRow): StoredPayment => ({
  id: r.id,
  orderId: r.order_id,
  customerId: r.customer_id,
  amountCents: r.amount_cents,
  refundedCents: r.refunded_cents,
  disputedCents: r.disputed_cents,
  currency: r.currency,
  method: r.method,
  status: r.status,
  declineReason: r.decline_reason,
  chargeId: r.charge_id,
  provider: r.provider,
  providerReference: r.charge_id,
  card: r.card_brand && r.card_last4 ? { brand: r.card_brand, last4: r.card_last4 } : null,
  risk: r.risk_score === null ? null : { score: r.risk_score, reasons: r.risk_reasons },
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** A row the API may show; voids are bookkeeping. */
export type VisiblePayment = StoredPayment & { status: Payment['status'] };

export interface NewPayment {
  id: string;
  orderId: string;
  customerId: string;
  amountCents: number;
  currency: string;
  method: string;
  status: StoredStatus;
  declineReason?: string;
  chargeId?: string;
  provider?: string;
  card?: CardSummary;
  risk?: { score: number; reasons: string[] };
}

/**
 * Serialises the handlers of one order until the transaction ends. Without it, in PostgreSQL a
 * cancellation committing while a charge is in flight would make the charge's insert fail after
 * the gateway took the money, and the retry would then find the void and never refund it.
 */
export async function lockOrder(tx: Queryable, orderId: string): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtextextended('payments.order:' || $1, 0))", [orderId]);
}

/** What the fraud screening weighs of a customer's history, in one statement over their payments. */
export async function riskSignals(db: Queryable, customerId: string) {
  const rows = await db.query<{ recent: number; declines: number; paid: boolean }>(
    `SELECT count(*) FILTER (WHERE created_at > now() - interval '1 hour')::int AS recent,
       count(*) FILTER (WHERE status = 'DECLINED' AND created_at > now() - interval '1 hour')::int AS declines,
       bool_or(status IN ('CAPTURED', 'PARTIALLY_REFUNDED', 'REFUNDED')) IS TRUE AS paid
     FROM payments.payments WHERE customer_id = $1`,
    [customerId],
  );
  const r = rows[0]!;
  return { paymentsLastHour: r.recent, declinesLastHour: r.declines, paidBefore: r.paid };
}

export async function findByOrder(db: Queryable, orderId: string): Promise<StoredPayment | null> {
  const rows = await db.query<PaymentRow>(`SELECT ${COLUMNS} FROM payments.payments WHERE order_id = $1`, [orderId]);
  return rows[0] ? toPayment(rows[0]) : null;
}

export async function insertPayment(db: Queryable, p: NewPayment): Promise<void> {
  await db.query(
    `INSERT INTO payments.payments (id, order_id, customer_id, amount_cents, currency, method, status, decline_reason, charge_id,
       risk_score, risk_reasons, provider, card_brand, card_last4)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, coalesce($12, 'simulator'), $13, $14)`,
    [
      p.id,
      p.orderId,
      p.customerId,
      p.amountCents,
      p.currency,
      p.method,
      p.status,
      p.declineReason ?? null,
      p.chargeId ?? null,
      p.risk?.score ?? null,
      p.risk?.reasons ?? [],
      p.provider ?? null,
      p.card?.brand ?? null,
      p.card?.last4 ?? null,
    ],
  );
}

/** The payment a provider's reference (a PaymentIntent's id) names. */
export async function findByCharge(db: Queryable, provider: string, chargeId: string): Promise<StoredPayment | null> {
  const rows = await db.query<PaymentRow>(`SELECT ${COLUMNS} FROM payments.payments WHERE provider = $1 AND charge_id = $2`, [
    provider,
    chargeId,
  ]);
  return rows[0] ? toPayment(rows[0]) : null;
}

/** Moves a payment to the status the provider's outcome leads to, with the card or the decline reason it reported. */
export async function updateOutcome(
  db: Queryable,
  paymentId: string,
  status: StoredStatus,
  outcome: { card?: CardSummary; declineReason?: string } = {},
): Promise<void> {
  await db.query(
    `UPDATE payments.payments SET status = $2, card_brand = coalesce($3, card_brand), card_last4 = coalesce($4, card_last4),
       decline_reason = coalesce($5, decline_reason), updated_at = now() WHERE id = $1`,
    [paymentId, status, outcome.card?.brand ?? null, outcome.card?.last4 ?? null, outcome.declineReason ?? null],
  );
}

export interface NewRefund {
  id: string;
  reference: string;
  amountCents: number;
  providerRefundId: string;
}

/**
 * Records a refund of a payment, adds it to what the payment has refunded and moves the payment to
 * the status the refund leads to, in one statement. False, and nothing written, when a refund with
 * this reference exists already.
 */
export async function recordRefund(db: Queryable, paymentId: string, r: NewRefund, status: StoredStatus): Promise<boolean> {
  const rows = await db.query<{ recorded: number }>(
    `WITH r AS (
       INSERT INTO payments.refunds (id, payment_id, reference, amount_cents, provider_refund_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (reference) DO NOTHING RETURNING amount_cents AS added
     ), p AS (
       UPDATE payments.payments SET refunded_cents = refunded_cents + r.added, refund_id = $5, status = $6, updated_at = now()
       FROM r WHERE id = $2
     )
     SELECT count(*)::int AS recorded FROM r`,
    [r.id, paymentId, r.reference, r.amountCents, r.providerRefundId, status],
  );
  return rows[0]!.recorded === 1;
}

export async function refundExists(db: Queryable, reference: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM payments.refunds WHERE reference = $1', [reference])).length > 0;
}

export async function findVisiblePayment(db: Queryable, id: string): Promise<VisiblePayment | null> {
  const rows = await db.query<PaymentRow>(`SELECT ${COLUMNS} FROM payments.payments WHERE id = $1 AND status <> 'VOIDED'`, [id]);
  return rows[0] ? (toPayment(rows[0]) as VisiblePayment) : null;
}

export interface PaymentSearch {
  /** Only this customer's payments; absent for admins. */
  customerId?: string;
  orderId?: string;
  page: number;
  pageSize: number;
}

export async function listPayments(db: Queryable, s: PaymentSearch): Promise<{ items: VisiblePayment[]; total: number }> {
  const where = ["status <> 'VOIDED'"];
  const params: unknown[] = [];
  if (s.customerId) {
    params.push(s.customerId);
    where.push(`customer_id = $${params.length}`);
  }
  if (s.orderId) {
    params.push(s.orderId);
    where.push(`order_id = $${params.length}`);
  }
  const filter = where.join(' AND ');
  params.push(s.pageSize, (s.page - 1) * s.pageSize);
  const rows = await db.query<PaymentRow & { total: number }>(
    `SELECT ${COLUMNS}, count(*) OVER () AS total FROM payments.payments WHERE ${filter}
     ORDER BY created_at DESC, id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && s.page > 1) {
    const counted = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM payments.payments WHERE ${filter}`, params.slice(0, -2));
    total = counted[0]!.n;
  }
  return { items: rows.map((r) => toPayment(r) as VisiblePayment), total };
}
