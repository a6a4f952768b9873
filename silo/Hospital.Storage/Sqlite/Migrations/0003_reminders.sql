-- Orleans reminders for the all-in-one mode: they fire after a restart, like the PostgreSQL ones.
CREATE TABLE IF NOT EXISTS reminders (
    grain_id      TEXT    NOT NULL,
    reminder_name TEXT    NOT NULL,
    grain_hash    INTEGER NOT NULL,
    start_at      TEXT    NOT NULL,
    period_ms     INTEGER NOT NULL,
    etag          INTEGER NOT NULL,
    PRIMARY KEY (grain_id, reminder_name)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_reminders_hash ON reminders (grain_hash);
