-- What chargebacks took back of a payment.
ALTER TABLE payments.payments ADD COLUMN disputed_cents bigint NOT NULL DEFAULT 0 CHECK (disputed_cents >= 0);

CREATE TABLE payments.disputes (
  id uuid PRIMARY KEY,
  payment_id uuid NOT NULL REFERENCES payments.payments (id),
  order_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  amount_cents bigint NOT NULL CHECK (amount_cents > 0),
  currency char(3) NOT NULL,
  reason text NOT NULL,
  status text NOT NULL CHECK (status IN ('NEEDS_RESPONSE', 'UNDER_REVIEW', 'WON', 'LOST')),
  evidence text,
  provider_dispute_id text UNIQUE,
  history jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- A payment has one open dispute at a time: the bank decides it before it opens another.
CREATE UNIQUE INDEX disputes_one_open ON payments.disputes (payment_id) WHERE status IN ('NEEDS_RESPONSE', 'UNDER_REVIEW');
CREATE INDEX disputes_created ON payments.disputes (created_at DESC);
