-- Patient search without visiting patient grains: normalized (lower case, no diacritics) names and birth date.
CREATE TABLE IF NOT EXISTS patient_index (
    mrn         TEXT PRIMARY KEY,
    given       TEXT NOT NULL,
    family      TEXT NOT NULL,
    given_norm  TEXT NOT NULL,
    family_norm TEXT NOT NULL,
    birth_date  TEXT NOT NULL,
    sex         TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_patient_index_family ON patient_index (family_norm);
CREATE INDEX IF NOT EXISTS ix_patient_index_given ON patient_index (given_norm);
CREATE INDEX IF NOT EXISTS ix_patient_index_birth ON patient_index (birth_date);
