-- Same as SQLite's 0012 (see there for what each column means).
CREATE TABLE email_outbox (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  conversation_id TEXT REFERENCES conversations(id),
  kind TEXT NOT NULL,
  to_address TEXT NOT NULL,
  from_name TEXT NOT NULL,
  reply_to TEXT,
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  html_body TEXT NOT NULL,
  dedupe_key TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  status TEXT NOT NULL,
  attempts BIGINT NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  claimed_until BIGINT,
  sent_at BIGINT,
  last_error TEXT
);
CREATE INDEX ix_email_outbox_due ON email_outbox (status, next_attempt_at);
CREATE INDEX ix_email_outbox_site ON email_outbox (site_id, status, created_at);

CREATE TABLE email_tokens (
  token_hash TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id),
  customer_id TEXT NOT NULL REFERENCES customers(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX ix_email_tokens_conversation ON email_tokens (conversation_id);

ALTER TABLE conversations ADD COLUMN mail_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN by_email BIGINT NOT NULL DEFAULT 0;
CREATE INDEX ix_conversations_status_resolved ON conversations (status, resolved_at);

ALTER TABLE customers ADD COLUMN language TEXT;
ALTER TABLE sites ADD COLUMN email_from_name TEXT;
ALTER TABLE sites ADD COLUMN missed_reply_minutes BIGINT NOT NULL DEFAULT 5;
