-- The presence an agent chose last (online or away), so a reload, another device or a restart
-- of the server gives it back instead of putting everyone online. New agents start online.
ALTER TABLE agents ADD COLUMN presence TEXT NOT NULL DEFAULT 'online';
