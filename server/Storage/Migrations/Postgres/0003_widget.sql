-- Same as SQLite's 0003 (see there for what each column means).
ALTER TABLE sites ADD COLUMN identity_secret TEXT;
ALTER TABLE sites ADD COLUMN email_required BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sites ADD COLUMN business_hours TEXT NOT NULL DEFAULT '';
ALTER TABLE sites ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
ALTER TABLE sites ADD COLUMN launcher_position TEXT NOT NULL DEFAULT 'right';

ALTER TABLE customers ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX ux_customers_external_id ON customers (site_id, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE visitor_devices (
  token_hash TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL REFERENCES customers(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX ix_visitor_devices_customer ON visitor_devices (customer_id);

ALTER TABLE conversations ADD COLUMN agent_seen_seq BIGINT NOT NULL DEFAULT 0;
