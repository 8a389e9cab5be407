-- Same as SQLite's 0006 (see there for what each column means).
ALTER TABLE agents ADD COLUMN security_stamp TEXT NOT NULL DEFAULT '';
ALTER TABLE agents ADD COLUMN disabled_at BIGINT;
ALTER TABLE agents ADD COLUMN deleted_at BIGINT;
ALTER TABLE agents ADD COLUMN failed_sign_ins BIGINT NOT NULL DEFAULT 0;
ALTER TABLE agents ADD COLUMN locked_until BIGINT;
ALTER TABLE agents ADD COLUMN totp_secret TEXT;
ALTER TABLE agents ADD COLUMN totp_pending_secret TEXT;
ALTER TABLE agents ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;

CREATE TABLE agent_recovery_codes (
  agent_id TEXT NOT NULL REFERENCES agents(id),
  code_hash TEXT NOT NULL,
  used_at BIGINT,
  PRIMARY KEY (agent_id, code_hash)
);

ALTER TABLE sites ADD COLUMN require_two_factor BIGINT NOT NULL DEFAULT 0;
