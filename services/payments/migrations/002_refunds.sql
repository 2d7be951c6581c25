ALTER TABLE payments.payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments.payments ADD CONSTRAINT payments_status_check
  CHECK (status IN ('CAPTURED', 'DECLINED', 'PARTIALLY_REFUNDED', 'REFUNDED', 'VOIDED'));

-- Every refund of a payment. reference names what it is for (`order:<id>` for a cancellation,
-- `return:<id>` for a return) and is unique, so nothing is refunded twice, whatever events arrive.
CREATE TABLE payments.refunds (
  id uuid PRIMARY KEY,
  payment_id uuid NOT NULL REFERENCES payments.payments (id),
  reference text NOT NULL UNIQUE,
  amount_cents bigint NOT NULL CHECK (amount_cents > 0),
  provider_refund_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refunds_payment ON payments.refunds (payment_id);

INSERT INTO payments.refunds (id, payment_id, reference, amount_cents, provider_refund_id, created_at)
SELECT id, id, 'order:' || order_id, refunded_cents, refund_id, updated_at FROM payments.payments
WHERE status = 'REFUNDED' AND refunded_cents > 0 AND refund_id IS NOT NULL;
