-- Same as SQLite's 0004 (see there for what each column means).
CREATE TABLE sign_in_keys (
  name TEXT PRIMARY KEY,
  xml TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
