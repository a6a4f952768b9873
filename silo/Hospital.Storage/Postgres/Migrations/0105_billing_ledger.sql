-- Billing ledger for reports across accounts: every charge, credit and payment line of every account, and each
-- account's totals, written in the same transaction as the account grain's state.
CREATE TABLE IF NOT EXISTS hospital_billing_lines (
    id           VARCHAR(200) PRIMARY KEY,
    encounter_id VARCHAR(128) NOT NULL,
    mrn          VARCHAR(64) NOT NULL,
    kind         VARCHAR(16) NOT NULL,
    code         VARCHAR(64) NOT NULL,
    category     VARCHAR(32),
    ward_id      VARCHAR(64),
    amount       NUMERIC(16, 2) NOT NULL,
    event_at     TIMESTAMPTZ NOT NULL,
    posted_at    TIMESTAMPTZ NOT NULL,
    payer_id     VARCHAR(64)
);
CREATE INDEX IF NOT EXISTS ix_hospital_billing_lines_event ON hospital_billing_lines (event_at);
CREATE INDEX IF NOT EXISTS ix_hospital_billing_lines_encounter ON hospital_billing_lines (encounter_id);
CREATE TABLE IF NOT EXISTS hospital_billing_accounts (
    encounter_id   VARCHAR(128) PRIMARY KEY,
    mrn            VARCHAR(64) NOT NULL,
    payer_id       VARCHAR(64),
    opened_at      TIMESTAMPTZ NOT NULL,
    discharged_at  TIMESTAMPTZ,
    total          NUMERIC(16, 2) NOT NULL,
    paid           NUMERIC(16, 2) NOT NULL,
    balance        NUMERIC(16, 2) NOT NULL,
    unpriced_count INTEGER NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_hospital_billing_accounts_open ON hospital_billing_accounts (updated_at) WHERE balance <> 0;
