-- Agents' accounts that hold under attack: sessions that end, sign-in throttling, two-factor.

-- A random value carried in every sign-in cookie. Changing it (sign-out, password change or
-- reset, disable, delete, role change) ends every session of the agent at once.
ALTER TABLE agents ADD COLUMN security_stamp TEXT NOT NULL DEFAULT '';
-- A disabled agent cannot sign in; a deleted one keeps only their id and name, so past messages
-- and notes still say who wrote them.
ALTER TABLE agents ADD COLUMN disabled_at INTEGER;
ALTER TABLE agents ADD COLUMN deleted_at INTEGER;
-- Failed sign-ins in a row, and until when the account is locked after too many.
ALTER TABLE agents ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE agents ADD COLUMN locked_until INTEGER;
-- The TOTP secret (base32) once two-factor is confirmed; pending while the agent enrols.
ALTER TABLE agents ADD COLUMN totp_secret TEXT;
ALTER TABLE agents ADD COLUMN totp_pending_secret TEXT;
-- The last TOTP time step accepted, so one code cannot be used twice.
ALTER TABLE agents ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;

-- One-time recovery codes, stored hashed; used_at set when spent.
CREATE TABLE agent_recovery_codes (
  agent_id TEXT NOT NULL REFERENCES agents(id),
  code_hash TEXT NOT NULL,
  used_at INTEGER,
  PRIMARY KEY (agent_id, code_hash)
);

-- 1: admins of this site must use two-factor to sign in.
ALTER TABLE sites ADD COLUMN require_two_factor INTEGER NOT NULL DEFAULT 0;
