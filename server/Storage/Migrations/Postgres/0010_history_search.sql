-- Same as SQLite's 0010: the conversations page's index, and full-text search.
CREATE INDEX ix_conversations_site_created ON conversations (site_id, created_at, id);

-- The 'simple' configuration: no stemming, so German and English text are treated alike and
-- what is found is what was typed. A generated column keeps the vector in step with the text
-- in the same statement (an erased text drops its words at once); GIN finds the rows.
ALTER TABLE messages ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED;
CREATE INDEX ix_messages_search ON messages USING GIN (search);

CREATE INDEX ix_customers_search ON customers USING GIN (to_tsvector('simple', name || ' ' || COALESCE(email, '')));
