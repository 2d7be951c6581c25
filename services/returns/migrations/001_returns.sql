CREATE TABLE returns.returns (
  id uuid PRIMARY KEY,
  order_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('REQUESTED', 'APPROVED', 'REJECTED', 'RECEIVED', 'REFUNDED', 'CANCELLED')),
  reason text NOT NULL,
  comment text,
  items jsonb NOT NULL,
  refund_cents bigint NOT NULL CHECK (refund_cents >= 0),
  currency char(3) NOT NULL,
  history jsonb NOT NULL,
  idempotency_key text NOT NULL,
  request_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (customer_id, idempotency_key)
);
CREATE INDEX returns_order ON returns.returns (order_id);
CREATE INDEX returns_customer ON returns.returns (customer_id, created_at DESC);
CREATE INDEX returns_created ON returns.returns (created_at DESC);
