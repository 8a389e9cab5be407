-- Same as SQLite's 0017 (see there for what the column means).
ALTER TABLE agents ADD presence NVARCHAR(16) NOT NULL DEFAULT 'online';
