-- Same as SQLite's 0017 (see there for what the column means).
ALTER TABLE agents ADD COLUMN presence TEXT NOT NULL DEFAULT 'online';
