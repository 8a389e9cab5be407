-- The widget's site settings, verified customers on several devices, and the agent's "seen" mark.
-- Defaults keep every existing site working as before: no identity secret, email optional,
-- always open, launcher on the right.

-- Hex or any text; when set, identify() counts only with hash = hex HMAC-SHA256(id, secret).
ALTER TABLE sites ADD COLUMN identity_secret TEXT;
-- 1: the pre-chat form asks for an email and will not go on without one.
ALTER TABLE sites ADD COLUMN email_required INTEGER NOT NULL DEFAULT 0;
-- '' means always open; else e.g. 'mon-fri 09:00-17:00, sat 10:00-14:00' in time_zone.
ALTER TABLE sites ADD COLUMN business_hours TEXT NOT NULL DEFAULT '';
-- An IANA time zone id such as 'Europe/Berlin'.
ALTER TABLE sites ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
-- Where the launcher sits: 'right' or 'left'.
ALTER TABLE sites ADD COLUMN launcher_position TEXT NOT NULL DEFAULT 'right';

-- The shop's own id for a customer it vouched for with a valid hash.
ALTER TABLE customers ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX ux_customers_external_id ON customers (site_id, external_id) WHERE external_id IS NOT NULL;

-- Further browsers of one verified customer: each gets its own token, stored hashed.
-- (customers.token_hash stays the first browser's token.)
CREATE TABLE visitor_devices (
  token_hash TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL REFERENCES customers(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX ix_visitor_devices_customer ON visitor_devices (customer_id);

-- The highest message seq an agent has seen; the visitor's "seen" receipts follow it.
ALTER TABLE conversations ADD COLUMN agent_seen_seq INTEGER NOT NULL DEFAULT 0;
