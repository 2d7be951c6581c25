-- An order waiting for its customer to confirm the payment (3-D Secure) is open too: the payment timeout sweeps it.
DROP INDEX orders.orders_open;
CREATE INDEX orders_open ON orders.orders (created_at) WHERE status IN ('PENDING', 'AWAITING_PAYMENT', 'AWAITING_ACTION');
