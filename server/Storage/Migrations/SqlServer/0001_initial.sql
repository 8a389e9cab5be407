-- Same schema as SQLite's 0001 (see there); NVARCHAR because SQL Server indexes no TEXT.

CREATE TABLE sites (
  id NVARCHAR(64) PRIMARY KEY,
  site_key NVARCHAR(64) NOT NULL UNIQUE,
  name NVARCHAR(MAX) NOT NULL,
  allowed_origins NVARCHAR(MAX) NOT NULL DEFAULT '',
  color NVARCHAR(MAX) NOT NULL,
  greeting NVARCHAR(MAX) NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE agents (
  id NVARCHAR(64) PRIMARY KEY,
  email NVARCHAR(254) NOT NULL UNIQUE,
  name NVARCHAR(MAX) NOT NULL,
  password_hash NVARCHAR(MAX) NOT NULL,
  role NVARCHAR(16) NOT NULL,
  capacity BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE site_agents (
  site_id NVARCHAR(64) NOT NULL REFERENCES sites(id),
  agent_id NVARCHAR(64) NOT NULL REFERENCES agents(id),
  PRIMARY KEY (site_id, agent_id)
);

CREATE TABLE customers (
  id NVARCHAR(64) PRIMARY KEY,
  site_id NVARCHAR(64) NOT NULL REFERENCES sites(id),
  name NVARCHAR(MAX) NOT NULL,
  email NVARCHAR(MAX),
  token_hash NVARCHAR(64) NOT NULL UNIQUE,
  first_seen BIGINT NOT NULL,
  last_seen BIGINT NOT NULL,
  visits BIGINT NOT NULL
);

CREATE TABLE conversations (
  id NVARCHAR(64) PRIMARY KEY,
  site_id NVARCHAR(64) NOT NULL REFERENCES sites(id),
  customer_id NVARCHAR(64) NOT NULL REFERENCES customers(id),
  agent_id NVARCHAR(64) REFERENCES agents(id),
  status NVARCHAR(16) NOT NULL,
  created_at BIGINT NOT NULL,
  assigned_at BIGINT,
  first_response_at BIGINT,
  resolved_at BIGINT,
  rating BIGINT,
  rating_comment NVARCHAR(MAX),
  last_seq BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX ix_conversations_customer ON conversations (customer_id, created_at);
CREATE INDEX ix_conversations_agent ON conversations (agent_id, status);
CREATE INDEX ix_conversations_site_status ON conversations (site_id, status, created_at);

CREATE TABLE messages (
  conversation_id NVARCHAR(64) NOT NULL REFERENCES conversations(id),
  seq BIGINT NOT NULL,
  client_id NVARCHAR(64) NOT NULL,
  sender NVARCHAR(16) NOT NULL,
  sender_id NVARCHAR(64),
  sender_name NVARCHAR(MAX) NOT NULL,
  text NVARCHAR(MAX) NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (conversation_id, seq),
  UNIQUE (conversation_id, client_id)
);
