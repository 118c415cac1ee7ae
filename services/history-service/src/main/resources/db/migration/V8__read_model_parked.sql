-- Ledger events the read model could not apply (a value PostgreSQL refuses, a handler that fails on them): parked
-- here for an operator (GET/POST /api/read-model/parked), while the read model goes on with the events after them.
-- The ledger keeps the event; only the read model lacks it, and its answers say so until a retry applies it.
CREATE TABLE read_model_parked (
    id                   BIGSERIAL    PRIMARY KEY,
    event_identifier     VARCHAR(255) NOT NULL UNIQUE,
    global_index         BIGINT       NOT NULL,
    aggregate_identifier VARCHAR(255),
    sequence_number      BIGINT,
    event_type           VARCHAR(255) NOT NULL,
    recorded_at          TIMESTAMPTZ  NOT NULL,
    attempts             INTEGER      NOT NULL,
    error                TEXT         NOT NULL,
    parked_at            TIMESTAMPTZ  NOT NULL,
    last_attempt_at      TIMESTAMPTZ  NOT NULL,
    applied_at           TIMESTAMPTZ
);

CREATE INDEX read_model_parked_unapplied ON read_model_parked (global_index) WHERE applied_at IS NULL;
