-- Every past conversation findable: a list of a site's conversations, newest first, and
-- full-text search over message text and customers' names and emails.

-- The conversations page lists a site's conversations newest first, paged by (created_at, id).
CREATE INDEX ix_conversations_site_created ON conversations (site_id, created_at, id);

-- Message text, indexed by FTS5 with the messages table as its content: the text is stored once,
-- and snippets read it back from messages by rowid. unicode61 folds case and accents, so
-- "Munchen" finds "München". The triggers run inside the writer's own transaction, so a
-- message is findable the moment it is committed, and an erased or deleted text leaves the
-- index with it. Each insert costs one extra FTS5 insert (a few b-tree pages): the price of
-- search on the write path. VACUUM may renumber messages' rowids; run
-- INSERT INTO messages_fts(messages_fts) VALUES ('rebuild') after one.
CREATE VIRTUAL TABLE messages_fts USING fts5(
  text,
  content = 'messages',
  tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');

CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
  INSERT INTO messages_fts (rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
  INSERT INTO messages_fts (rowid, text) VALUES (new.rowid, new.text);
END;

-- Customers' names and emails, the same way. Only a change of name or email touches the index,
-- not the frequent last-seen and page updates.
CREATE VIRTUAL TABLE customers_fts USING fts5(
  name,
  email,
  content = 'customers',
  tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO customers_fts (customers_fts) VALUES ('rebuild');

CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers BEGIN
  INSERT INTO customers_fts (rowid, name, email) VALUES (new.rowid, new.name, new.email);
END;
CREATE TRIGGER customers_fts_delete AFTER DELETE ON customers BEGIN
  INSERT INTO customers_fts (customers_fts, rowid, name, email) VALUES ('delete', old.rowid, old.name, old.email);
END;
CREATE TRIGGER customers_fts_update AFTER UPDATE OF name, email ON customers BEGIN
  INSERT INTO customers_fts (customers_fts, rowid, name, email) VALUES ('delete', old.rowid, old.name, old.email);
  INSERT INTO customers_fts (rowid, name, email) VALUES (new.rowid, new.name, new.email);
END;
