-- Same as SQLite's 0012 (see there for what each column means).
CREATE TABLE email_outbox (
  id NVARCHAR(64) PRIMARY KEY,
  site_id NVARCHAR(64) NOT NULL REFERENCES sites(id),
  conversation_id NVARCHAR(64) NULL REFERENCES conversations(id),
  kind NVARCHAR(32) NOT NULL,
  to_address NVARCHAR(320) NOT NULL,
  from_name NVARCHAR(200) NOT NULL,
  reply_to NVARCHAR(320) NULL,
  subject NVARCHAR(400) NOT NULL,
  text_body NVARCHAR(MAX) NOT NULL,
  html_body NVARCHAR(MAX) NOT NULL,
  dedupe_key NVARCHAR(200) NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  status NVARCHAR(16) NOT NULL,
  attempts BIGINT NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  claimed_until BIGINT NULL,
  sent_at BIGINT NULL,
  last_error NVARCHAR(2000) NULL
);
CREATE INDEX ix_email_outbox_due ON email_outbox (status, next_attempt_at);
CREATE INDEX ix_email_outbox_site ON email_outbox (site_id, status, created_at);

CREATE TABLE email_tokens (
  token_hash NVARCHAR(64) PRIMARY KEY,
  conversation_id NVARCHAR(64) NOT NULL REFERENCES conversations(id),
  customer_id NVARCHAR(64) NOT NULL REFERENCES customers(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX ix_email_tokens_conversation ON email_tokens (conversation_id);

ALTER TABLE conversations ADD mail_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD by_email BIGINT NOT NULL DEFAULT 0;
CREATE INDEX ix_conversations_status_resolved ON conversations (status, resolved_at);

ALTER TABLE customers ADD language NVARCHAR(16) NULL;
ALTER TABLE sites ADD email_from_name NVARCHAR(200) NULL;
ALTER TABLE sites ADD missed_reply_minutes BIGINT NOT NULL DEFAULT 5;
