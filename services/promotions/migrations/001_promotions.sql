CREATE TABLE promotions.promotions (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE,
  description text,
  kind text NOT NULL CHECK (kind IN ('percent', 'fixed')),
  percent_off int CHECK (percent_off BETWEEN 1 AND 100),
  amount_off_cents bigint CHECK (amount_off_cents > 0),
  currency char(3),
  min_subtotal_cents bigint NOT NULL DEFAULT 0,
  starts_at timestamptz,
  ends_at timestamptz,
  max_redemptions int,
  per_customer_limit int NOT NULL DEFAULT 1,
  active boolean NOT NULL DEFAULT true,
  -- Holds not released: kept with each hold and release, so that the limit is checked on one locked row.
  redemptions int NOT NULL DEFAULT 0 CHECK (redemptions >= 0),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- An order's use of a promotion: HELD while the order is on its way, REDEEMED once it is confirmed,
-- RELEASED when it fails, is cancelled, or never came to be. One per order.
CREATE TABLE promotions.holds (
  order_id uuid PRIMARY KEY,
  promotion_id uuid NOT NULL REFERENCES promotions.promotions (id),
  customer_id uuid NOT NULL,
  discount_cents bigint NOT NULL,
  status text NOT NULL CHECK (status IN ('HELD', 'REDEEMED', 'RELEASED')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX holds_customer ON promotions.holds (promotion_id, customer_id) WHERE status <> 'RELEASED';
CREATE INDEX holds_waiting ON promotions.holds (created_at) WHERE status = 'HELD';
