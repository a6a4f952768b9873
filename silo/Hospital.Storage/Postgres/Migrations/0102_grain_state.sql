-- Grain state written by the platform's own group-committing storage (the default on PostgreSQL). Same rules as the
-- SQLite table: the etag is a per-row version; a cleared grain keeps its row with a NULL payload and a bumped etag, so a
-- writer holding an etag from before the clear can never overwrite the newer state. Rows are per Orleans service id,
-- so deployments sharing a database do not see each other's grains.
CREATE TABLE IF NOT EXISTS hospital_grain_state (
    service_id VARCHAR(150) NOT NULL,
    grain_id   TEXT         NOT NULL,
    state_name VARCHAR(150) NOT NULL,
    grain_type VARCHAR(512) NOT NULL,
    etag       BIGINT       NOT NULL,
    payload    BYTEA,
    updated_at TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (service_id, grain_id, state_name)
);
CREATE INDEX IF NOT EXISTS ix_hospital_grain_state_type ON hospital_grain_state (service_id, grain_type);
