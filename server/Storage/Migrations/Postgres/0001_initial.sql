-- Same schema as SQLite's 0001: times are Unix milliseconds, ids opaque text, every integer
-- BIGINT so all three databases hand back the same .NET types.
CREATE TABLE sites (
  id TEXT PRIMARY KEY,
  site_key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  allowed_origins TEXT NOT NULL DEFAULT '',
  color TEXT NOT NULL,
  greeting TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE agents (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  capacity BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE site_agents (
  site_id TEXT NOT NULL REFERENCES sites(id),
  agent_id TEXT NOT NULL REFERENCES agents(id),
  PRIMARY KEY (site_id, agent_id)
);

CREATE TABLE customers (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  name TEXT NOT NULL,
  email TEXT,
  token_hash TEXT NOT NULL UNIQUE,
  first_seen BIGINT NOT NULL,
  last_seen BIGINT NOT NULL,
  visits BIGINT NOT NULL
);

CREATE TABLE conversations (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  customer_id TEXT NOT NULL REFERENCES customers(id),
  agent_id TEXT REFERENCES agents(id),
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  assigned_at BIGINT,
  first_response_at BIGINT,
  resolved_at BIGINT,
  rating BIGINT,
  rating_comment TEXT,
  last_seq BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX ix_conversations_customer ON conversations (customer_id, created_at);
CREATE INDEX ix_conversations_agent ON conversations (agent_id, status);
CREATE INDEX ix_conversations_site_status ON conversations (site_id, status, created_at);

CREATE TABLE messages (
  conversation_id TEXT NOT NULL REFERENCES conversations(id),
  seq BIGINT NOT NULL,
  client_id TEXT NOT NULL,
  sender TEXT NOT NULL,
  sender_id TEXT,
  sender_name TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (conversation_id, seq),
  UNIQUE (conversation_id, client_id)
);
