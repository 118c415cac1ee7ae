-- What each ledger event changed in each narrative as of the moment it was recorded, computed once by the read
-- model as it read the event; the feed behind the narrative stream. A rebuild leaves it alone: it recomputes
-- the read model, not the past's news.
CREATE TABLE narrative_change (
    id              BIGSERIAL    PRIMARY KEY,
    change_id       VARCHAR(512) NOT NULL UNIQUE,
    narrative_id    VARCHAR(255) NOT NULL,
    ledger_sequence BIGINT       NOT NULL,
    change_kind     VARCHAR(32)  NOT NULL,
    event_id        VARCHAR(255),
    recorded_at     TIMESTAMPTZ  NOT NULL,
    reported_at     TIMESTAMPTZ,
    payload         TEXT         NOT NULL, -- the NarrativeChanged record as JSON
    parked_error    TEXT                   -- set when Kafka refused it as a record; the stream went on without it
);
CREATE INDEX narrative_change_narrative ON narrative_change (narrative_id, id);
