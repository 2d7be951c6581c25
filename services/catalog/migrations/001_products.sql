CREATE TABLE catalog.products (
  id uuid PRIMARY KEY,
  sku text NOT NULL,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  price_cents bigint NOT NULL CHECK (price_cents >= 0),
  currency char(3) NOT NULL,
  category text NOT NULL,
  attributes jsonb NOT NULL DEFAULT '{}',
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  search tsvector GENERATED ALWAYS AS (to_tsvector('simple', sku || ' ' || name || ' ' || category || ' ' || description)) STORED
);
CREATE UNIQUE INDEX products_sku_live ON catalog.products (lower(sku)) WHERE deleted_at IS NULL;
CREATE INDEX products_category ON catalog.products (category) WHERE deleted_at IS NULL;
CREATE INDEX products_search ON catalog.products USING gin (search);
