-- Promises with deadlines: what an agent said would happen next on a conversation, who owns it
-- and by when. They outlive the chat: a resolved conversation with an open action stays in the
-- owner's list, and a transfer moves the action with the chat.
CREATE TABLE next_actions (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id),
  site_id TEXT NOT NULL REFERENCES sites(id),
  -- Made by the console; a retried create with the same one stores nothing twice.
  client_id TEXT NOT NULL,
  -- 'promise', set by an agent; or 'complaint', opened by a low rating or a complaint tag.
  kind TEXT NOT NULL DEFAULT 'promise',
  -- What will be done, written to finish "Alex will …", such as 'email you the tracking number'.
  what TEXT NOT NULL,
  owner_id TEXT NOT NULL REFERENCES agents(id),
  owner_name TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  created_by TEXT NOT NULL REFERENCES agents(id),
  created_at INTEGER NOT NULL,
  -- When the owner was reminded that it is due soon, and when it was reported overdue: once each.
  reminded_at INTEGER,
  overdue_at INTEGER,
  -- When it was kept, and what was done (the visitor reads it).
  done_at INTEGER,
  outcome TEXT,
  UNIQUE (conversation_id, client_id)
);
CREATE INDEX ix_next_actions_owner ON next_actions (owner_id, done_at, due_at);
CREATE INDEX ix_next_actions_open ON next_actions (done_at, due_at);
CREATE INDEX ix_next_actions_conversation ON next_actions (conversation_id);

-- Labels on a conversation ("complaint", "shipping", "refund"), apart from the customer's own
-- tags: what a chat was about. A "complaint" tag opens a follow-up action.
CREATE TABLE conversation_tags (
  conversation_id TEXT NOT NULL REFERENCES conversations(id),
  tag TEXT NOT NULL COLLATE NOCASE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, tag)
);

-- How long the team has to turn a complaint round (a rating of 1 or 2, or a complaint tag).
ALTER TABLE sites ADD COLUMN complaint_hours INTEGER NOT NULL DEFAULT 24;

-- How often each reply-coach hint was shown to a site's agents, dismissed, or followed.
CREATE TABLE coach_counts (
  site_id TEXT NOT NULL REFERENCES sites(id),
  rule TEXT NOT NULL,
  shown INTEGER NOT NULL DEFAULT 0,
  dismissed INTEGER NOT NULL DEFAULT 0,
  followed INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, rule)
);

-- Listen openly: whether agents see what a visitor types before sending (the widget says so when on).
ALTER TABLE sites ADD COLUMN typing_preview INTEGER NOT NULL DEFAULT 1;
-- Ask your happiest customers: a review or referral link shown after a 5-star rating; NULL is off.
ALTER TABLE sites ADD COLUMN review_url TEXT;
