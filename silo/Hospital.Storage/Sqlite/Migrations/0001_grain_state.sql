-- Grain state for the all-in-one mode. A cleared grain keeps its row with a NULL payload and a bumped etag, so a
-- writer holding an etag from before the clear can never overwrite the newer state (no ABA).
CREATE TABLE IF NOT EXISTS grain_state (
    grain_id   TEXT    NOT NULL,
    state_name TEXT    NOT NULL,
    grain_type TEXT    NOT NULL,
    etag       INTEGER NOT NULL,
    payload    BLOB,
    updated_at TEXT    NOT NULL,
    PRIMARY KEY (grain_id, state_name)
) WITHOUT ROWID;
