-- @mentions in internal notes: one row per note and agent named in it, so the agent finds the
-- chat in their list of mentions even when it is not theirs.
CREATE TABLE note_mentions (
  note_id TEXT NOT NULL REFERENCES notes(id),
  agent_id TEXT NOT NULL REFERENCES agents(id),
  conversation_id TEXT NOT NULL REFERENCES conversations(id),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (note_id, agent_id)
);
CREATE INDEX ix_note_mentions_agent ON note_mentions (agent_id, created_at);
