-- Same as SQLite's 0002 (see there for what each column means). SQLite compares tags and
-- shortcuts with COLLATE NOCASE; here unique indexes on LOWER() keep them unique in any case.
ALTER TABLE sites ADD COLUMN wait_warn_seconds BIGINT NOT NULL DEFAULT 60;
ALTER TABLE sites ADD COLUMN wait_urgent_seconds BIGINT NOT NULL DEFAULT 180;

ALTER TABLE agents ADD COLUMN avatar_url TEXT;

ALTER TABLE conversations ADD COLUMN agent_read_seq BIGINT NOT NULL DEFAULT 0;

ALTER TABLE customers ADD COLUMN page_url TEXT;
ALTER TABLE customers ADD COLUMN page_title TEXT;
ALTER TABLE customers ADD COLUMN time_zone TEXT;
ALTER TABLE customers ADD COLUMN user_agent TEXT;
ALTER TABLE customers ADD COLUMN page_reported_at BIGINT;

CREATE TABLE customer_tags (
  customer_id TEXT NOT NULL REFERENCES customers(id),
  tag TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (customer_id, tag)
);
CREATE UNIQUE INDEX ux_customer_tags_lower ON customer_tags (customer_id, LOWER(tag));

CREATE TABLE notes (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id),
  client_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  author_id TEXT NOT NULL REFERENCES agents(id),
  author_name TEXT NOT NULL,
  target_name TEXT,
  text TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (conversation_id, client_id)
);
CREATE INDEX ix_notes_conversation ON notes (conversation_id, created_at);

CREATE TABLE canned_replies (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  shortcut TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX ux_canned_replies_shortcut ON canned_replies (site_id, LOWER(shortcut));
