-- Patient search without visiting patient grains: normalized (lower case, no diacritics) names and birth date.
CREATE TABLE IF NOT EXISTS hospital_patient_index (
    mrn         VARCHAR(64) PRIMARY KEY,
    given       VARCHAR(200) NOT NULL,
    family      VARCHAR(200) NOT NULL,
    given_norm  VARCHAR(200) NOT NULL,
    family_norm VARCHAR(200) NOT NULL,
    birth_date  DATE NOT NULL,
    sex         VARCHAR(16) NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_hospital_patient_family ON hospital_patient_index (family_norm text_pattern_ops);
CREATE INDEX IF NOT EXISTS ix_hospital_patient_given ON hospital_patient_index (given_norm text_pattern_ops);
CREATE INDEX IF NOT EXISTS ix_hospital_patient_birth ON hospital_patient_index (birth_date);
