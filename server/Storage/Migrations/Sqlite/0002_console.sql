-- The agent console: wait thresholds per site, avatars, what agents have read, the page a
-- visitor is on, customer tags, internal notes and canned replies.
-- Plain ALTER TABLE ADD COLUMN and CREATE TABLE, so the same statements run on PostgreSQL
-- and SQL Server with only type names changed.

-- How long a customer may wait for an answer before their chat turns amber, then red.
ALTER TABLE sites ADD COLUMN wait_warn_seconds INTEGER NOT NULL DEFAULT 60;
ALTER TABLE sites ADD COLUMN wait_urgent_seconds INTEGER NOT NULL DEFAULT 180;

ALTER TABLE agents ADD COLUMN avatar_url TEXT;

-- The highest message sequence the assigned agent has seen; visitor messages above it are unread.
ALTER TABLE conversations ADD COLUMN agent_read_seq INTEGER NOT NULL DEFAULT 0;

-- The page the visitor last reported from the widget, and the browser they use.
ALTER TABLE customers ADD COLUMN page_url TEXT;
ALTER TABLE customers ADD COLUMN page_title TEXT;
ALTER TABLE customers ADD COLUMN time_zone TEXT;
ALTER TABLE customers ADD COLUMN user_agent TEXT;
ALTER TABLE customers ADD COLUMN page_reported_at INTEGER;

CREATE TABLE customer_tags (
  customer_id TEXT NOT NULL REFERENCES customers(id),
  tag TEXT NOT NULL COLLATE NOCASE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (customer_id, tag)
);

-- Agent-only notes. A table of their own, not messages: they never take a visitor-visible
-- sequence number, so the widget sees no gaps, and no visitor query can return them.
-- kind is 'note', or 'transfer' for the note that goes with a hand-over (target_name set).
CREATE TABLE notes (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id),
  client_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  author_id TEXT NOT NULL REFERENCES agents(id),
  author_name TEXT NOT NULL,
  target_name TEXT,
  text TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (conversation_id, client_id)
);
CREATE INDEX ix_notes_conversation ON notes (conversation_id, created_at);

CREATE TABLE canned_replies (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  shortcut TEXT NOT NULL COLLATE NOCASE,
  text TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (site_id, shortcut)
);
