-- Email: every message goes through an outbox first and a background sender takes it from
-- there, so nothing is lost while the SMTP server is down and admins see what finally failed.
CREATE TABLE email_outbox (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites(id),
  conversation_id TEXT REFERENCES conversations(id),
  -- 'answer' (to a left message), 'missed_reply', 'transcript' or 'moved' (the chat went to email).
  kind TEXT NOT NULL,
  to_address TEXT NOT NULL,
  from_name TEXT NOT NULL,
  reply_to TEXT,
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  html_body TEXT NOT NULL,
  -- Whoever queues an email names it, so two nodes (or a retry) queue it once.
  dedupe_key TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  -- 'queued', 'sending' (claimed by a node until claimed_until), 'sent' or 'failed'.
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  claimed_until INTEGER,
  sent_at INTEGER,
  last_error TEXT
);
CREATE INDEX ix_email_outbox_due ON email_outbox (status, next_attempt_at);
CREATE INDEX ix_email_outbox_site ON email_outbox (site_id, status, created_at);

-- The tokens in an email's Reply-To (reply+TOKEN@domain) and reopen link, stored hashed: each
-- leads to one conversation and its customer, and to nothing else.
CREATE TABLE email_tokens (
  token_hash TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id),
  customer_id TEXT NOT NULL REFERENCES customers(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX ix_email_tokens_conversation ON email_tokens (conversation_id);

-- The highest message sequence the mailer has dealt with (mailed, or seen by the visitor in the
-- widget), so each agent reply is mailed at most once.
ALTER TABLE conversations ADD COLUMN mail_seq INTEGER NOT NULL DEFAULT 0;
-- Set when an agent took the chat to email: from then on their replies are mailed as soon as the
-- visitor is not connected, as answers to a left message are.
ALTER TABLE conversations ADD COLUMN by_email INTEGER NOT NULL DEFAULT 0;
CREATE INDEX ix_conversations_status_resolved ON conversations (status, resolved_at);

-- The visitor's language for email (from the browser), and the site's sender name and how long
-- a live reply waits for a visitor who left the page before it goes by email.
ALTER TABLE customers ADD COLUMN language TEXT;
ALTER TABLE sites ADD COLUMN email_from_name TEXT;
ALTER TABLE sites ADD COLUMN missed_reply_minutes INTEGER NOT NULL DEFAULT 5;
