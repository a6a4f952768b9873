-- Messages grains send each other as part of a change, committed in the same transaction as the sender's state and
-- deleted once delivered. due_at is when a sweeper may (re)deliver a row; a sweeper claims rows by pushing it ahead.
CREATE TABLE IF NOT EXISTS hospital_outbox (
    service_id VARCHAR(150) NOT NULL,
    id         TEXT         NOT NULL,
    due_at     TIMESTAMPTZ  NOT NULL,
    payload    BYTEA        NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (service_id, id)
);
CREATE INDEX IF NOT EXISTS ix_hospital_outbox_due ON hospital_outbox (service_id, due_at);

-- One row per group-committed transaction, written inside it: when the connection is lost during COMMIT, the writer
-- reads this row back to learn whether the transaction landed, instead of retrying blindly. Old rows are pruned.
CREATE TABLE IF NOT EXISTS hospital_commits (
    id           UUID        NOT NULL PRIMARY KEY,
    committed_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX IF NOT EXISTS ix_hospital_commits_at ON hospital_commits (committed_at);

-- The id of the write that last changed a grain's row: what a grain staged with that write (journal lines, outbox rows)
-- is inserted only where the row carries it, so a stale write commits nothing of its own.
ALTER TABLE hospital_grain_state ADD COLUMN IF NOT EXISTS write_id UUID;
