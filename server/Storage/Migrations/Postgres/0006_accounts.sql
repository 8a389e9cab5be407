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
ALTER TABLE sites ADD COLUMN retention_days BIGINT;

ALTER TABLE customers ADD COLUMN erased_at BIGINT;

CREATE TABLE audit_log (
  id TEXT PRIMARY KEY,
  at BIGINT NOT NULL,
  actor_id TEXT,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  site_id TEXT,
  target_id TEXT,
  address TEXT,
  detail TEXT NOT NULL
);
CREATE INDEX ix_audit_log_at ON audit_log (at);
CREATE INDEX ix_audit_log_site ON audit_log (site_id, at);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit log entries cannot be changed or removed';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
