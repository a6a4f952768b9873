-- The HL7 v2 interface log: every message as received, with the acknowledgement sent for it.
-- A message with a sender and control id is logged once, by its inbound grain (a repeat is answered from the grain);
-- what never reached a grain (no readable header, no control id, too large, cut short) is logged as it comes.
CREATE TABLE IF NOT EXISTS hospital_hl7_messages (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sender       VARCHAR(401) NOT NULL,
    control_id   VARCHAR(200) NOT NULL,
    message_type VARCHAR(40) NOT NULL,
    mrn          VARCHAR(64),
    ack_code     VARCHAR(2) NOT NULL,
    error        TEXT,
    raw          TEXT NOT NULL,
    ack          TEXT NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL,
    answered_at  TIMESTAMPTZ NOT NULL,
    peer         VARCHAR(100) NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_hospital_hl7_sender_control ON hospital_hl7_messages (sender, control_id);
CREATE INDEX IF NOT EXISTS ix_hospital_hl7_control ON hospital_hl7_messages (control_id);
CREATE INDEX IF NOT EXISTS ix_hospital_hl7_mrn ON hospital_hl7_messages (mrn) WHERE mrn IS NOT NULL;
