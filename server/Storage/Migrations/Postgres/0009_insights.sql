-- The three-times rule: which canned reply went into a sent reply, and when. No reference to the
-- conversation, so erasing a conversation never trips over it; the insights join conversations
-- and so count only those that still exist.
CREATE TABLE canned_reply_uses (
  conversation_id TEXT NOT NULL,
  site_id TEXT NOT NULL REFERENCES sites(id),
  canned_reply_id TEXT NOT NULL,
  -- The shortcut at the time, so a deleted reply's uses still read as something.
  shortcut TEXT NOT NULL,
  used_at BIGINT NOT NULL
);
CREATE INDEX ix_canned_reply_uses_site ON canned_reply_uses (site_id, used_at);

-- An insight an admin marked "acted on", with what was done. It is raised again when it is heard
-- three times more after this mark.
CREATE TABLE insight_marks (
  site_id TEXT NOT NULL REFERENCES sites(id),
  -- 'tag', 'canned' or 'phrase'.
  kind TEXT NOT NULL,
  -- The tag or phrase in lower case, or the canned reply's id.
  item TEXT NOT NULL,
  acted_at BIGINT NOT NULL,
  acted_by_name TEXT NOT NULL,
  note TEXT NOT NULL,
  PRIMARY KEY (site_id, kind, item)
);

-- The reply coach's counts per UTC day (days since 1970), so a report can cover a period. What
-- was counted before days were kept is on day 0.
CREATE TABLE coach_counts_daily (
  site_id TEXT NOT NULL REFERENCES sites(id),
  rule TEXT NOT NULL,
  day BIGINT NOT NULL,
  shown BIGINT NOT NULL DEFAULT 0,
  dismissed BIGINT NOT NULL DEFAULT 0,
  followed BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, rule, day)
);
INSERT INTO coach_counts_daily (site_id, rule, day, shown, dismissed, followed)
SELECT site_id, rule, 0, shown, dismissed, followed FROM coach_counts;
DROP TABLE coach_counts;

-- Act quickly, visibly: the site's aim for a first reply, in seconds; the console counts down to
-- it on every waiting chat. NULL is no target.
ALTER TABLE sites ADD COLUMN first_reply_target_seconds BIGINT;
