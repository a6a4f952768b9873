-- The append-only event journal; same shape as the SQLite journal table.
CREATE TABLE IF NOT EXISTS hospital_journal (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at TIMESTAMPTZ NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    kind        VARCHAR(100) NOT NULL,
    entity_id   VARCHAR(200) NOT NULL,
    patient_id  VARCHAR(64),
    actor       VARCHAR(200) NOT NULL,
    payload     JSONB NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_hospital_journal_entity ON hospital_journal (entity_id, seq);
CREATE INDEX IF NOT EXISTS ix_hospital_journal_patient ON hospital_journal (patient_id, seq) WHERE patient_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_hospital_journal_occurred ON hospital_journal (occurred_at);

-- Append-only: the database itself refuses edits and deletions.
CREATE OR REPLACE FUNCTION hospital_journal_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'hospital_journal is append-only';
END;
$$;
DROP TRIGGER IF EXISTS hospital_journal_no_change ON hospital_journal;
CREATE TRIGGER hospital_journal_no_change BEFORE UPDATE OR DELETE ON hospital_journal
    FOR EACH ROW EXECUTE FUNCTION hospital_journal_append_only();
