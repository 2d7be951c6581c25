-- order_id is unique: whatever events arrive, an order gets one shipment, so one label.
CREATE TABLE shipping.shipments (
  id uuid PRIMARY KEY,
  order_id uuid NOT NULL UNIQUE,
  customer_id uuid NOT NULL,
  carrier text NOT NULL,
  -- Not unique: carriers reuse numbers once a parcel is long delivered.
  tracking_number text NOT NULL,
  tracking_url text,
  status text NOT NULL CHECK (status IN ('LABEL_CREATED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION')),
  shipping_address jsonb NOT NULL,
  items jsonb NOT NULL,
  -- Every scan with its id, oldest first: a carrier that reports a scan twice has it recorded once.
  events jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  -- When the carrier was last asked about the parcel.
  checked_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX shipments_customer ON shipping.shipments (customer_id, created_at DESC);
CREATE INDEX shipments_tracking_number ON shipping.shipments (tracking_number);
CREATE INDEX shipments_created ON shipping.shipments (created_at DESC);
-- What the carrier is still asked about.
CREATE INDEX shipments_open ON shipping.shipments (checked_at) WHERE status <> 'DELIVERED';
