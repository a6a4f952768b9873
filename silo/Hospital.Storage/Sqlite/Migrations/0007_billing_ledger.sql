-- Billing ledger for reports across accounts: every charge, credit and payment line of every account, and each
-- account's totals, written in the same transaction as the account grain's state. Money is kept as decimal text.
CREATE TABLE IF NOT EXISTS billing_lines (
    id           TEXT PRIMARY KEY,
    encounter_id TEXT NOT NULL,
    mrn          TEXT NOT NULL,
    kind         TEXT NOT NULL,
    code         TEXT NOT NULL,
    category     TEXT,
    ward_id      TEXT,
    amount       TEXT NOT NULL,
    event_at     TEXT NOT NULL,
    posted_at    TEXT NOT NULL,
    payer_id     TEXT
);
CREATE INDEX IF NOT EXISTS ix_billing_lines_event ON billing_lines (event_at);
CREATE INDEX IF NOT EXISTS ix_billing_lines_encounter ON billing_lines (encounter_id);
CREATE TABLE IF NOT EXISTS billing_accounts (
    encounter_id   TEXT PRIMARY KEY,
    mrn            TEXT NOT NULL,
    payer_id       TEXT,
    opened_at      TEXT NOT NULL,
    discharged_at  TEXT,
    total          TEXT NOT NULL,
    paid           TEXT NOT NULL,
    balance        TEXT NOT NULL,
    open_balance   INTEGER NOT NULL,
    unpriced_count INTEGER NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_billing_accounts_open ON billing_accounts (open_balance, updated_at);
