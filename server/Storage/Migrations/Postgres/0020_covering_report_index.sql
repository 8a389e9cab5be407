-- Same as SQLite's 0020: the columns a report reads ride along in the index, so a year of a
-- site's conversations can be read by an index-only scan. The key is unchanged for the
-- conversations page.
DROP INDEX ix_conversations_site_created;
CREATE INDEX ix_conversations_site_created ON conversations (site_id, created_at, id)
  INCLUDE (agent_id, status, first_response_at, resolved_at, rating, left_message);
