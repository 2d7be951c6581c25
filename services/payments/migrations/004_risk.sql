-- The fraud screening's score of each charge and the signals behind it.
ALTER TABLE payments.payments ADD COLUMN risk_score int;
ALTER TABLE payments.payments ADD COLUMN risk_reasons text[] NOT NULL DEFAULT '{}';
