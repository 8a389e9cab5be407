-- Same as SQLite's 0008 (see there for what each column means).
CREATE TABLE next_actions (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id),
  site_id TEXT NOT NULL REFERENCES sites(id),
  client_id TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'promise',
  what TEXT NOT NULL,
  owner_id TEXT NOT NULL REFERENCES agents(id),
  owner_name TEXT NOT NULL,
  due_at BIGINT NOT NULL,
  created_by TEXT NOT NULL REFERENCES agents(id),
  created_at BIGINT NOT NULL,
  reminded_at BIGINT,
  overdue_at BIGINT,
  done_at BIGINT,
  outcome TEXT,
  UNIQUE (conversation_id, client_id)
);
CREATE INDEX ix_next_actions_owner ON next_actions (owner_id, done_at, due_at);
CREATE INDEX ix_next_actions_open ON next_actions (done_at, due_at);
CREATE INDEX ix_next_actions_conversation ON next_actions (conversation_id);

CREATE TABLE conversation_tags (
  conversation_id TEXT NOT NULL REFERENCES conversations(id),
  tag TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (conversation_id, tag)
);
CREATE UNIQUE INDEX ux_conversation_tags_lower ON conversation_tags (conversation_id, LOWER(tag));

ALTER TABLE sites ADD COLUMN complaint_hours BIGINT NOT NULL DEFAULT 24;

CREATE TABLE coach_counts (
  site_id TEXT NOT NULL REFERENCES sites(id),
  rule TEXT NOT NULL,
  shown BIGINT NOT NULL DEFAULT 0,
  dismissed BIGINT NOT NULL DEFAULT 0,
  followed BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, rule)
);

ALTER TABLE sites ADD COLUMN typing_preview BIGINT NOT NULL DEFAULT 1;
ALTER TABLE sites ADD COLUMN review_url TEXT;
