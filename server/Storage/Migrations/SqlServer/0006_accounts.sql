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
ALTER TABLE sites ADD retention_days BIGINT NULL;

ALTER TABLE customers ADD erased_at BIGINT NULL;

CREATE TABLE audit_log (
  id NVARCHAR(64) PRIMARY KEY,
  at BIGINT NOT NULL,
  actor_id NVARCHAR(64) NULL,
  actor_name NVARCHAR(MAX) NOT NULL,
  action NVARCHAR(64) NOT NULL,
  site_id NVARCHAR(64) NULL,
  target_id NVARCHAR(64) NULL,
  address NVARCHAR(64) NULL,
  detail NVARCHAR(MAX) NOT NULL
);
CREATE INDEX ix_audit_log_at ON audit_log (at);
CREATE INDEX ix_audit_log_site ON audit_log (site_id, at);
EXEC('CREATE TRIGGER audit_log_append_only ON audit_log INSTEAD OF UPDATE, DELETE AS BEGIN THROW 51000, ''audit log entries cannot be changed or removed'', 1; END;');
