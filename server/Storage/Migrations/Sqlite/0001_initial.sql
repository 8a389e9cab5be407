-- Times are Unix milliseconds (UTC), ids are opaque text: both travel unchanged between
-- SQLite, PostgreSQL and SQL Server.
CREATE TABLE sites (
  id TEXT PRIMARY KEY,
  site_key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  allowed_origins TEXT NOT NULL DEFAULT '',
  color TEXT NOT NULL,
  greeting TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE agents (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  capacity INTEGER NOT NULL,
  created_at INTEGER NOT NULL
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
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  visits INTEGER NOT NULL
);

CREATE TABLE conversations (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  customer_id TEXT NOT NULL REFERENCES customers(id),
  agent_id TEXT REFERENCES agents(id),
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  assigned_at INTEGER,
  first_response_at INTEGER,
  resolved_at INTEGER,
  rating INTEGER,
  rating_comment TEXT,
  last_seq INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_conversations_customer ON conversations (customer_id, created_at);
CREATE INDEX ix_conversations_agent ON conversations (agent_id, status);
CREATE INDEX ix_conversations_site_status ON conversations (site_id, status, created_at);

CREATE TABLE messages (
  conversation_id TEXT NOT NULL REFERENCES conversations(id),
  seq INTEGER NOT NULL,
  client_id TEXT NOT NULL,
  sender TEXT NOT NULL,
  sender_id TEXT,
  sender_name TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, seq),
  UNIQUE (conversation_id, client_id)
);
