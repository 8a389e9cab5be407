-- REST API keys, one site each. Only a SHA-256 of the secret part is kept: the key is shown once.
-- scopes is a space-separated list of 'read' and 'write'.
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL,
  scopes TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at BIGINT
);
CREATE INDEX ix_api_keys_site ON api_keys (site_id);

-- The first answer to a POST with an Idempotency-Key, replayed to a retry with the same key.
-- status 0 means the first request is still running. Kept for a day.
CREATE TABLE api_idempotency (
  key_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status BIGINT NOT NULL,
  body TEXT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (key_id, idempotency_key)
);
CREATE INDEX ix_api_idempotency_created ON api_idempotency (created_at);
