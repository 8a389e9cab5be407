-- Same as SQLite's 0006 (see there for what each column means).
ALTER TABLE agents ADD security_stamp NVARCHAR(64) NOT NULL DEFAULT '';
ALTER TABLE agents ADD disabled_at BIGINT NULL;
ALTER TABLE agents ADD deleted_at BIGINT NULL;
ALTER TABLE agents ADD failed_sign_ins BIGINT NOT NULL DEFAULT 0;
ALTER TABLE agents ADD locked_until BIGINT NULL;
ALTER TABLE agents ADD totp_secret NVARCHAR(128) NULL;
ALTER TABLE agents ADD totp_pending_secret NVARCHAR(128) NULL;
ALTER TABLE agents ADD totp_last_step BIGINT NOT NULL DEFAULT 0;

CREATE TABLE agent_recovery_codes (
  agent_id NVARCHAR(64) NOT NULL REFERENCES agents(id),
  code_hash NVARCHAR(128) NOT NULL,
  used_at BIGINT NULL,
  PRIMARY KEY (agent_id, code_hash)
);

ALTER TABLE sites ADD require_two_factor BIGINT NOT NULL DEFAULT 0;
