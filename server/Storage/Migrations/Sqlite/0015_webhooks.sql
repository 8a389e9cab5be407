-- Webhook endpoints of a site: where to send which events, signed with the endpoint's secret.
-- events is a space-separated list. An endpoint failing for a day is disabled (disabled_at).
CREATE TABLE webhook_endpoints (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  events TEXT NOT NULL,
  -- An admin chose to allow a private or loopback address (a receiver inside their own network).
  allow_private INTEGER NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  failing_since INTEGER,
  disabled_at INTEGER
);
CREATE INDEX ix_webhook_endpoints_site ON webhook_endpoints (site_id);

-- The outbox: one row per event and endpoint, sent by the background sender and kept as the
-- endpoint's delivery log. status: 'pending', 'delivered' or 'failed' (gave up after a day).
-- ordering_key keeps one conversation's deliveries in order: a row waits for the earlier ones.
CREATE TABLE webhook_deliveries (
  id TEXT PRIMARY KEY,
  endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints(id),
  event_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  ordering_key TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  last_attempt_at INTEGER,
  last_response_code INTEGER,
  last_error TEXT,
  UNIQUE (endpoint_id, event_id)
);
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX ix_webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at);
