-- An order can have several returns, each approved and refunded on its own: a step is told once per
-- subject (the return it is about; '' for the order itself), not once per order.
ALTER TABLE notifications.notifications ADD COLUMN subject text NOT NULL DEFAULT '';
DROP INDEX notifications.notifications_once;
CREATE UNIQUE INDEX notifications_once ON notifications.notifications (order_id, kind, subject);
