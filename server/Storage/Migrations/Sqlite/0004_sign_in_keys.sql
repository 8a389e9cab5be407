-- The keys that sign agents' sign-in cookies (ASP.NET Core Data Protection key ring), one XML
-- element each. In the database, every node reads the same keys, and they survive restarts and
-- a Redis that lost its data, so agents stay signed in whichever node answers.
CREATE TABLE sign_in_keys (
  -- Data Protection's name for the element, 'key-<guid>' (or 'revocation-…').
  name TEXT PRIMARY KEY,
  xml TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
