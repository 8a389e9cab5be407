-- Same as SQLite's 0008 (see there for what each column means).
CREATE TABLE audit_entries (
  id NVARCHAR(64) PRIMARY KEY,
  at BIGINT NOT NULL,
  actor_id NVARCHAR(64) NULL,
  actor_name NVARCHAR(MAX) NOT NULL,
  action NVARCHAR(64) NOT NULL,
  target_type NVARCHAR(32) NULL,
  target_id NVARCHAR(128) NULL,
  detail NVARCHAR(MAX) NOT NULL DEFAULT '',
  address NVARCHAR(64) NULL
);
CREATE INDEX ix_audit_entries_at ON audit_entries (at, id);

CREATE TABLE audit_entry_sites (
  entry_id NVARCHAR(64) NOT NULL REFERENCES audit_entries(id),
  site_id NVARCHAR(64) NOT NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (site_id, at, entry_id)
);

ALTER TABLE sites ADD retention_days BIGINT NULL;
ALTER TABLE conversations ADD erased_at BIGINT NULL;
ALTER TABLE customers ADD erased_at BIGINT NULL;
CREATE INDEX ix_conversations_retention ON conversations (status, resolved_at);
