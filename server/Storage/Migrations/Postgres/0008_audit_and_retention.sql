-- Same as SQLite's 0008 (see there for what each column means).
CREATE TABLE audit_entries (
  id TEXT PRIMARY KEY,
  at BIGINT NOT NULL,
  actor_id TEXT,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  target_type TEXT,
  target_id TEXT,
  detail TEXT NOT NULL DEFAULT '',
  address TEXT
);
CREATE INDEX ix_audit_entries_at ON audit_entries (at, id);

CREATE TABLE audit_entry_sites (
  entry_id TEXT NOT NULL REFERENCES audit_entries(id),
  site_id TEXT NOT NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (site_id, at, entry_id)
);

ALTER TABLE sites ADD COLUMN retention_days BIGINT;
ALTER TABLE conversations ADD COLUMN erased_at BIGINT;
ALTER TABLE customers ADD COLUMN erased_at BIGINT;
CREATE INDEX ix_conversations_retention ON conversations (status, resolved_at);
