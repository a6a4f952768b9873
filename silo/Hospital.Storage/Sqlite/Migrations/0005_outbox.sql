-- Messages grains send each other as part of a change, committed in the same transaction as the sender's state and
-- deleted once delivered. due_at (fixed-width ISO 8601 UTC text) is when the sweeper may deliver a row again: a
-- little after the commit for a message the sender delivers itself, later for a workflow's resume job.
CREATE TABLE IF NOT EXISTS outbox (
    id         TEXT NOT NULL PRIMARY KEY,
    due_at     TEXT NOT NULL,
    payload    BLOB NOT NULL,
    created_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_outbox_due ON outbox (due_at);
