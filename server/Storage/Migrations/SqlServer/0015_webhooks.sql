-- Webhook endpoints of a site: where to send which events, signed with the endpoint's secret.
-- events is a space-separated list. An endpoint failing for a day is disabled (disabled_at).
CREATE TABLE webhook_endpoints (
  id NVARCHAR(64) PRIMARY KEY,
  site_id NVARCHAR(64) NOT NULL REFERENCES sites(id),
  url NVARCHAR(2000) NOT NULL,
  secret NVARCHAR(100) NOT NULL,
  events NVARCHAR(400) NOT NULL,
  -- An admin chose to allow a private or loopback address (a receiver inside their own network).
  allow_private BIGINT NOT NULL DEFAULT 0,
  created_by NVARCHAR(64) NOT NULL,
  created_at BIGINT NOT NULL,
  failing_since BIGINT,
  disabled_at BIGINT
);
CREATE INDEX ix_webhook_endpoints_site ON webhook_endpoints (site_id);

-- The outbox: one row per event and endpoint, sent by the background sender and kept as the
-- endpoint's delivery log. status: 'pending', 'delivered' or 'failed' (gave up after a day).
-- ordering_key keeps one conversation's deliveries in order: a row waits for the earlier ones.
CREATE TABLE webhook_deliveries (
  id NVARCHAR(64) PRIMARY KEY,
  endpoint_id NVARCHAR(64) NOT NULL REFERENCES webhook_endpoints(id),
  event_id NVARCHAR(200) NOT NULL,
  event_type NVARCHAR(64) NOT NULL,
  ordering_key NVARCHAR(200) NOT NULL,
  payload NVARCHAR(MAX) NOT NULL,
  status NVARCHAR(16) NOT NULL,
  attempts BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  last_attempt_at BIGINT,
  last_response_code BIGINT,
  last_error NVARCHAR(MAX),
  UNIQUE (endpoint_id, event_id)
);
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX ix_webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at);
