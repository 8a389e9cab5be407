-- Same as SQLite's 0002 (see there for what each column means). The default collation is
-- case-insensitive, so plain UNIQUE keeps tags and shortcuts unique in any letter case.
ALTER TABLE sites ADD wait_warn_seconds BIGINT NOT NULL DEFAULT 60;
ALTER TABLE sites ADD wait_urgent_seconds BIGINT NOT NULL DEFAULT 180;

ALTER TABLE agents ADD avatar_url NVARCHAR(MAX) NULL;

ALTER TABLE conversations ADD agent_read_seq BIGINT NOT NULL DEFAULT 0;

ALTER TABLE customers ADD page_url NVARCHAR(MAX) NULL;
ALTER TABLE customers ADD page_title NVARCHAR(MAX) NULL;
ALTER TABLE customers ADD time_zone NVARCHAR(64) NULL;
ALTER TABLE customers ADD user_agent NVARCHAR(MAX) NULL;
ALTER TABLE customers ADD page_reported_at BIGINT NULL;

CREATE TABLE customer_tags (
  customer_id NVARCHAR(64) NOT NULL REFERENCES customers(id),
  tag NVARCHAR(30) NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (customer_id, tag)
);

CREATE TABLE notes (
  id NVARCHAR(64) PRIMARY KEY,
  conversation_id NVARCHAR(64) NOT NULL REFERENCES conversations(id),
  client_id NVARCHAR(64) NOT NULL,
  kind NVARCHAR(16) NOT NULL,
  author_id NVARCHAR(64) NOT NULL REFERENCES agents(id),
  author_name NVARCHAR(MAX) NOT NULL,
  target_name NVARCHAR(MAX) NULL,
  text NVARCHAR(MAX) NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (conversation_id, client_id)
);
CREATE INDEX ix_notes_conversation ON notes (conversation_id, created_at);

CREATE TABLE canned_replies (
  id NVARCHAR(64) PRIMARY KEY,
  site_id NVARCHAR(64) NOT NULL REFERENCES sites(id),
  shortcut NVARCHAR(100) NOT NULL,
  text NVARCHAR(MAX) NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (site_id, shortcut)
);
