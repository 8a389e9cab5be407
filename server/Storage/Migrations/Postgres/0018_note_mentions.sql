-- Same as SQLite's 0018 (see there for what the table is for).
CREATE TABLE note_mentions (
  note_id TEXT NOT NULL REFERENCES notes(id),
  agent_id TEXT NOT NULL REFERENCES agents(id),
  conversation_id TEXT NOT NULL REFERENCES conversations(id),
  created_at BIGINT NOT NULL,
  PRIMARY KEY (note_id, agent_id)
);
CREATE INDEX ix_note_mentions_agent ON note_mentions (agent_id, created_at);
