-- Same as SQLite's 0004 (see there for what each column means).
CREATE TABLE sign_in_keys (
  name NVARCHAR(200) PRIMARY KEY,
  xml NVARCHAR(MAX) NOT NULL,
  created_at BIGINT NOT NULL
);
