-- A customer's saved products: one row per customer and product, so adding twice saves once.
CREATE TABLE wishlists.items (
  customer_id uuid NOT NULL,
  product_id uuid NOT NULL,
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (customer_id, product_id)
);
CREATE INDEX items_newest ON wishlists.items (customer_id, added_at DESC);
-- What a deleted product is dropped from.
CREATE INDEX items_product ON wishlists.items (product_id);
