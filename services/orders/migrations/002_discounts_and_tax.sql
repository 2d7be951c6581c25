-- What the order cost before its discount, the promotion that gave it, and the VAT its total includes.
ALTER TABLE orders.orders ADD COLUMN subtotal_cents bigint;
UPDATE orders.orders SET subtotal_cents = total_cents;
ALTER TABLE orders.orders ALTER COLUMN subtotal_cents SET NOT NULL;
ALTER TABLE orders.orders ADD COLUMN discount_cents bigint NOT NULL DEFAULT 0 CHECK (discount_cents >= 0);
ALTER TABLE orders.orders ADD COLUMN promo_code text;
ALTER TABLE orders.orders ADD COLUMN promotion_id uuid;
ALTER TABLE orders.orders ADD COLUMN tax_cents bigint NOT NULL DEFAULT 0 CHECK (tax_cents >= 0);
ALTER TABLE orders.orders ADD COLUMN tax_rate numeric(5, 2) NOT NULL DEFAULT 0;
