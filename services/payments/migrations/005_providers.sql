-- Who took each payment and what the card was, as the provider reports it (brand and last four only);
-- payments that wait for the customer (3-D Secure) or hold an authorisation until the order ships.
ALTER TABLE payments.payments ADD COLUMN provider text NOT NULL DEFAULT 'simulator';
ALTER TABLE payments.payments ADD COLUMN card_brand text;
ALTER TABLE payments.payments ADD COLUMN card_last4 text;
ALTER TABLE payments.payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments.payments ADD CONSTRAINT payments_status_check
  CHECK (status IN ('REQUIRES_ACTION', 'AUTHORIZED', 'CAPTURED', 'DECLINED', 'PARTIALLY_REFUNDED', 'REFUNDED', 'VOIDED'));
-- The provider's webhooks name its payment (a PaymentIntent), not Mercato's.
CREATE INDEX payments_charge ON payments.payments (charge_id) WHERE charge_id IS NOT NULL;
