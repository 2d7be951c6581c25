CREATE TABLE orders.orders (
  id uuid PRIMARY KEY,
  customer_id uuid NOT NULL,
  status text NOT NULL,
  status_reason text,
  total_cents bigint NOT NULL CHECK (total_cents >= 0),
  currency char(3) NOT NULL,
  items jsonb NOT NULL,
  shipping_address jsonb NOT NULL,
  payment_method text NOT NULL,
  history jsonb NOT NULL,
  idempotency_key text NOT NULL,
  request_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (customer_id, idempotency_key)
);
CREATE INDEX orders_by_customer ON orders.orders (customer_id, created_at DESC);
CREATE INDEX orders_by_created ON orders.orders (created_at DESC);
CREATE INDEX orders_open ON orders.orders (created_at) WHERE status IN ('PENDING', 'AWAITING_PAYMENT');
