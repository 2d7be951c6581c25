-- The items of each received return, put back on the shelf once: return_id is the key.
CREATE TABLE inventory.restocks (
  return_id uuid PRIMARY KEY,
  order_id uuid NOT NULL,
  lines jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
