-- REST API keys, one site each. Only a SHA-256 of the secret part is kept: the key is shown once.
-- scopes is a space-separated list of 'read' and 'write'.
CREATE TABLE api_keys (
  id NVARCHAR(64) PRIMARY KEY,
  site_id NVARCHAR(64) NOT NULL REFERENCES sites(id),
  name NVARCHAR(100) NOT NULL,
  key_hash NVARCHAR(64) NOT NULL,
  scopes NVARCHAR(32) NOT NULL,
  created_by NVARCHAR(64) NOT NULL,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at BIGINT
);
CREATE INDEX ix_api_keys_site ON api_keys (site_id);

-- The first answer to a POST with an Idempotency-Key, replayed to a retry with the same key.
-- status 0 means the first request is still running. Kept for a day.
CREATE TABLE api_idempotency (
  key_id NVARCHAR(64) NOT NULL,
  idempotency_key NVARCHAR(255) NOT NULL,
  request_hash NVARCHAR(64) NOT NULL,
  status BIGINT NOT NULL,
  body NVARCHAR(MAX),
  created_at BIGINT NOT NULL,
  PRIMARY KEY (key_id, idempotency_key)
);
CREATE INDEX ix_api_idempotency_created ON api_idempotency (created_at);
