-- Outgoing mail becomes every outgoing message, by email or by SMS (to_address: an address or a phone number).
ALTER TABLE notifications.emails RENAME TO outgoing;
ALTER TABLE notifications.outgoing ADD COLUMN channel text NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'sms'));
DROP INDEX notifications.emails_due;
CREATE INDEX outgoing_due ON notifications.outgoing (channel, next_attempt_at) WHERE status = 'pending';
DROP INDEX notifications.emails_newest;
CREATE INDEX outgoing_newest ON notifications.outgoing (channel, created_at DESC);

-- How each customer wants to hear about their orders, besides in the app; no row: by email only.
CREATE TABLE notifications.preferences (
  user_id uuid PRIMARY KEY,
  email boolean NOT NULL,
  sms boolean NOT NULL,
  phone text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (NOT sms OR phone IS NOT NULL)
);
