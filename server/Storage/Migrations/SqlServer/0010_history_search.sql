-- Same as SQLite's 0010 for the conversations page. SQL Server full-text search needs a
-- full-text catalog, which Express and many hosted servers lack; search here scans the text of
-- a bounded number of each site's latest conversations with LIKE instead, found by this index.
CREATE INDEX ix_conversations_site_created ON conversations (site_id, created_at, id);
CREATE INDEX ix_customers_site ON customers (site_id);
