import type { Dispute } from '@mercato/contracts';
import { appendHistory, selectPage, type Queryable, type Tx } from '@mercato/kernel';

interface DisputeRow {
  id: string;
  payment_id: string;
  order_id: string;
  customer_id: string;
  amount_cents: number;
  currency: string;
  reason: Dispute['reason'];
  status: Dispute['status'];
  evidence: string | null;
  provider_dispute_id: string | null;
  history: Dispute['history'];
  created_at: Date;
  updated_at: Date;
}

const COLUMNS =
  'id, payment_id, order_id, customer_id, amount_cents, currency, reason, status, evidence, provider_dispute_id, history, ' +
  'created_at, updated_at';

const toDispute = (r: DisputeRow): Dispute => ({
  id: r.id,
  paymentId: r.payment_id,
  orderId: r.order_id,
  customerId: r.customer_id,
  amountCents: r.amount_cents,
  currency: r.currency.trim(),
  reason: r.reason,
  status: r.status,
  evidence: r.evidence,
  providerDisputeId: r.provider_dispute_id,
  history: r.history,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

export type NewDispute = Pick<
  Dispute,
  'id' | 'paymentId' | 'orderId' | 'customerId' | 'amountCents' | 'currency' | 'reason' | 'providerDisputeId'
>;

/**
 * Records a dispute the bank opened, unless the payment has an open one or the bank's id is known
 * already (a repeated notification): null then, nothing written.
 */
export async function insertDispute(tx: Tx, d: NewDispute): Promise<Dispute | null> {
  const history = [{ status: 'NEEDS_RESPONSE', note: null, at: new Date().toISOString() }];
  const rows = await tx.query<DisputeRow>(
    `INSERT INTO payments.disputes
       (id, payment_id, order_id, customer_id, amount_cents, currency, reason, status, provider_dispute_id, history)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'NEEDS_RESPONSE', $8, $9)
     ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
    [d.id, d.paymentId, d.orderId, d.customerId, d.amountCents, d.currency, d.reason, d.providerDisputeId, JSON.stringify(history)],
  );
  return rows[0] ? toDispute(rows[0]) : null;
}

export async function findDispute(db: Queryable, id: string, forUpdate = false): Promise<Dispute | null> {
  const rows = await db.query<DisputeRow>(`SELECT ${COLUMNS} FROM payments.disputes WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ? toDispute(rows[0]) : null;
}

export async function findDisputeByProviderId(db: Queryable, providerDisputeId: string): Promise<Dispute | null> {
  const rows = await db.query<DisputeRow>(`SELECT ${COLUMNS} FROM payments.disputes WHERE provider_dispute_id = $1 FOR UPDATE`, [
    providerDisputeId,
  ]);
  return rows[0] ? toDispute(rows[0]) : null;
}

/** Moves a dispute to its next status, with the evidence when there is some, and a lost one's amount onto its payment. */
export async function updateDispute(tx: Tx, id: string, status: Dispute['status'], evidence: string | null): Promise<Dispute> {
  const rows = await tx.query<DisputeRow>(
    `WITH d AS (
       UPDATE payments.disputes
       SET status = $2, evidence = coalesce($3, evidence), updated_at = now(), ${appendHistory('$2', 'note', 'NULL')}
       WHERE id = $1 RETURNING ${COLUMNS}
     ), lost AS (
       UPDATE payments.payments p SET disputed_cents = p.disputed_cents + d.amount_cents, updated_at = now()
       FROM d WHERE p.id = d.payment_id AND d.status = 'LOST'
     )
     SELECT * FROM d`,
    [id, status, evidence],
  );
  return toDispute(rows[0]);
}

export async function listDisputes(db: Queryable, f: { status?: Dispute['status']; paymentId?: string; page: number; pageSize: number }) {
  const { rows, total } = await selectPage<DisputeRow>(db, {
    columns: COLUMNS,
    table: 'payments.disputes',
    equal: { status: f.status, payment_id: f.paymentId },
    orderBy: 'created_at DESC, id DESC',
    page: f.page,
    pageSize: f.pageSize,
  });
  return { items: rows.map(toDispute), total };
}
