-- Editorial flags of accounts, their corrections and their retractions: one row per ledger event, written by the
-- events' projection. A flag is Parley's own statement, so it counts from when the ledger recorded it; the account
-- it points at is never touched.
CREATE TABLE read_flag_fact (
    ledger_sequence BIGINT       PRIMARY KEY,
    fact_kind       VARCHAR(16)  NOT NULL, -- FLAGGED, CORRECTED, RETRACTED
    fact_id         VARCHAR(255) NOT NULL, -- the flag, correction or retraction id
    flag_id         VARCHAR(255) NOT NULL,
    account_id      VARCHAR(255) NOT NULL,
    event_id        VARCHAR(255) NOT NULL,
    citation        TEXT         NOT NULL,
    reason          TEXT         NOT NULL,
    recorded_at     TIMESTAMPTZ  NOT NULL,
    recorded_by     TEXT
);
CREATE INDEX read_flag_fact_event ON read_flag_fact (event_id, ledger_sequence);
CREATE INDEX read_flag_fact_flag ON read_flag_fact (flag_id, ledger_sequence);
-- Like every read table since V10, it belongs to a version of the read model: the answering version's schema holds
-- it, public a view onto it, and a rebuild builds it beside the others.
ALTER TABLE read_flag_fact SET SCHEMA read_v1;
CREATE VIEW read_flag_fact AS SELECT * FROM read_v1.read_flag_fact;
