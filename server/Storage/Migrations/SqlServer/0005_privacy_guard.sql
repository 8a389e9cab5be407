-- Same as SQLite's 0005 (see there for what the column means).
ALTER TABLE sites ADD mask_private_data BIGINT NOT NULL DEFAULT 1;
