-- Same as SQLite's 0003 (see there for what each column means).
ALTER TABLE sites ADD identity_secret NVARCHAR(MAX) NULL;
ALTER TABLE sites ADD email_required BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sites ADD business_hours NVARCHAR(MAX) NOT NULL DEFAULT '';
ALTER TABLE sites ADD time_zone NVARCHAR(64) NOT NULL DEFAULT 'UTC';
ALTER TABLE sites ADD launcher_position NVARCHAR(8) NOT NULL DEFAULT 'right';

ALTER TABLE customers ADD external_id NVARCHAR(200) NULL;
CREATE UNIQUE INDEX ux_customers_external_id ON customers (site_id, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE visitor_devices (
  token_hash NVARCHAR(64) PRIMARY KEY,
  customer_id NVARCHAR(64) NOT NULL REFERENCES customers(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX ix_visitor_devices_customer ON visitor_devices (customer_id);

ALTER TABLE conversations ADD agent_seen_seq BIGINT NOT NULL DEFAULT 0;
