-- The HL7 v2 interface log: every message as received, with the acknowledgement sent for it.
-- A message with a sender and control id is logged once, by its inbound grain (a repeat is answered from the grain);
-- what never reached a grain (no readable header, no control id, too large, cut short) is logged as it comes.
CREATE TABLE IF NOT EXISTS hl7_messages (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    sender       TEXT NOT NULL,
    control_id   TEXT NOT NULL,
    message_type TEXT NOT NULL,
    mrn          TEXT,
    ack_code     TEXT NOT NULL,
    error        TEXT,
    raw          TEXT NOT NULL,
    ack          TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    answered_at  TEXT NOT NULL,
    peer         TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_hl7_messages_sender_control ON hl7_messages (sender, control_id);
CREATE INDEX IF NOT EXISTS ix_hl7_messages_control ON hl7_messages (control_id);
CREATE INDEX IF NOT EXISTS ix_hl7_messages_mrn ON hl7_messages (mrn) WHERE mrn IS NOT NULL;
