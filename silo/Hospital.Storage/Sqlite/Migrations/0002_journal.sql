-- The append-only event journal; same shape as hospital_journal in PostgreSQL. Times are fixed-width ISO 8601 UTC
-- text so that text order is time order.
CREATE TABLE IF NOT EXISTS journal (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    occurred_at TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    kind        TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    patient_id  TEXT,
    actor       TEXT NOT NULL,
    payload     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_journal_entity ON journal (entity_id, seq);
CREATE INDEX IF NOT EXISTS ix_journal_patient ON journal (patient_id, seq) WHERE patient_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_journal_occurred ON journal (occurred_at);
-- Append-only: the database itself refuses edits and deletions.
CREATE TRIGGER IF NOT EXISTS journal_no_update BEFORE UPDATE ON journal
BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;
CREATE TRIGGER IF NOT EXISTS journal_no_delete BEFORE DELETE ON journal
BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;
