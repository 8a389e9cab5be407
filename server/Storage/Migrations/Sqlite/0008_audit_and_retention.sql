-- Who did what and when (the audit log), and how long a site keeps resolved conversations.

-- One row per thing done. Written once and never changed: the product has no statement that
-- updates or deletes these rows. Entries name customers by id only, so erasing a customer
-- leaves nothing personal here.
CREATE TABLE audit_entries (
  id TEXT PRIMARY KEY,
  at INTEGER NOT NULL,
  -- The agent who acted, as they were named then; NULL for the server itself (retention, keys).
  actor_id TEXT,
  actor_name TEXT NOT NULL,
  -- A stable name such as 'sign_in.failed', 'agent.role_changed', 'customer.erased'.
  action TEXT NOT NULL,
  -- What it was done to: 'agent', 'site', 'customer', 'conversation', 'sign_in_key'.
  target_type TEXT,
  target_id TEXT,
  -- What changed, in a few words (never a password, a code or a customer's personal data).
  detail TEXT NOT NULL DEFAULT '',
  -- The address the action came from, when it came from a request.
  address TEXT
);
CREATE INDEX ix_audit_entries_at ON audit_entries (at, id);

-- The sites an entry belongs to: an admin reads the entries of their own sites only. An entry
-- with no site (a new sign-in key) concerns the whole server.
CREATE TABLE audit_entry_sites (
  entry_id TEXT NOT NULL REFERENCES audit_entries(id),
  site_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (site_id, at, entry_id)
);

-- Resolved conversations older than this many days are erased; NULL keeps them.
ALTER TABLE sites ADD COLUMN retention_days INTEGER;
-- When a conversation's text was erased (by retention, or with its customer).
ALTER TABLE conversations ADD COLUMN erased_at INTEGER;
-- When the customer was erased: their personal fields are cleared, the row stays for counts.
ALTER TABLE customers ADD COLUMN erased_at INTEGER;
CREATE INDEX ix_conversations_retention ON conversations (status, resolved_at);
