-- Ledger events that Kafka refused as records (too large, not serializable) after every attempt: parked here for
-- an operator (GET/POST /api/stream/parked), while the publisher goes on with the events after them.
CREATE TABLE parked_publication (
    id                   BIGSERIAL    PRIMARY KEY,
    event_identifier     VARCHAR(255) NOT NULL UNIQUE,
    global_index         BIGINT       NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    event_type           VARCHAR(255) NOT NULL,
    topic                VARCHAR(255) NOT NULL,
    attempts             INTEGER      NOT NULL,
    error                TEXT         NOT NULL,
    parked_at            TIMESTAMPTZ  NOT NULL,
    published_at         TIMESTAMPTZ
);

CREATE INDEX parked_publication_unpublished ON parked_publication (global_index) WHERE published_at IS NULL;
