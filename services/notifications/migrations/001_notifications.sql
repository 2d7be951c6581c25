CREATE TABLE notifications.recipients (
  user_id uuid PRIMARY KEY,
  email text NOT NULL,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE notifications.notifications (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL,
  order_id uuid,
  kind text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  read_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Each step of an order is told once, even if its event is published twice under different ids.
CREATE UNIQUE INDEX notifications_once ON notifications.notifications (order_id, kind);
CREATE INDEX notifications_user ON notifications.notifications (user_id, created_at DESC);
CREATE INDEX notifications_unread ON notifications.notifications (user_id) WHERE read_at IS NULL;

CREATE TABLE notifications.emails (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL,
  to_address text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'sent', 'kept', 'failed')),
  attempts int NOT NULL DEFAULT 0,
  last_error text,
  -- When a pending email may next be tried; a sender also pushes it forward as a lease while it sends.
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX emails_due ON notifications.emails (next_attempt_at) WHERE status = 'pending';
CREATE INDEX emails_newest ON notifications.emails (created_at DESC);
CREATE INDEX emails_unaddressed ON notifications.emails (user_id) WHERE to_address = '';
