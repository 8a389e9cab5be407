-- Same as SQLite's 0008 (see there for what each column means).
CREATE TABLE next_actions (
  id NVARCHAR(64) PRIMARY KEY,
  conversation_id NVARCHAR(64) NOT NULL REFERENCES conversations(id),
  site_id NVARCHAR(64) NOT NULL REFERENCES sites(id),
  client_id NVARCHAR(64) NOT NULL,
  kind NVARCHAR(16) NOT NULL DEFAULT 'promise',
  what NVARCHAR(MAX) NOT NULL,
  owner_id NVARCHAR(64) NOT NULL REFERENCES agents(id),
  owner_name NVARCHAR(MAX) NOT NULL,
  due_at BIGINT NOT NULL,
  created_by NVARCHAR(64) NOT NULL REFERENCES agents(id),
  created_at BIGINT NOT NULL,
  reminded_at BIGINT NULL,
  overdue_at BIGINT NULL,
  done_at BIGINT NULL,
  outcome NVARCHAR(MAX) NULL,
  UNIQUE (conversation_id, client_id)
);
CREATE INDEX ix_next_actions_owner ON next_actions (owner_id, done_at, due_at);
CREATE INDEX ix_next_actions_open ON next_actions (done_at, due_at);
CREATE INDEX ix_next_actions_conversation ON next_actions (conversation_id);

CREATE TABLE conversation_tags (
  conversation_id NVARCHAR(64) NOT NULL REFERENCES conversations(id),
  tag NVARCHAR(30) NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (conversation_id, tag)
);

ALTER TABLE sites ADD complaint_hours BIGINT NOT NULL DEFAULT 24;

CREATE TABLE coach_counts (
  site_id NVARCHAR(64) NOT NULL REFERENCES sites(id),
  rule NVARCHAR(64) NOT NULL,
  shown BIGINT NOT NULL DEFAULT 0,
  dismissed BIGINT NOT NULL DEFAULT 0,
  followed BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, rule)
);

ALTER TABLE sites ADD typing_preview BIGINT NOT NULL DEFAULT 1;
ALTER TABLE sites ADD review_url NVARCHAR(2000) NULL;
