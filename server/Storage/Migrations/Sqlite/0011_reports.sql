-- Reports: which conversations began as a left message (they become 'open' once taken, so the
-- status alone forgets it), and the index that finds a site's next actions by due time.
ALTER TABLE conversations ADD COLUMN left_message INTEGER NOT NULL DEFAULT 0;
UPDATE conversations SET left_message = 1 WHERE status = 'follow_up';
CREATE INDEX ix_next_actions_site_due ON next_actions (site_id, due_at);
