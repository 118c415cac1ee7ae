-- What the write side must know about other aggregates before it accepts a command (does this source exist?).
-- Filled in the same transaction as the ledger append, by a subscribing event handler.
CREATE TABLE known_entity (
    kind         VARCHAR(32)  NOT NULL,
    entity_id    VARCHAR(255) NOT NULL,
    aggregate_id VARCHAR(255) NOT NULL,
    PRIMARY KEY (kind, entity_id)
);

-- Sources, diplomatic events and narratives share one id space: they are all aggregates in one event table.
CREATE UNIQUE INDEX known_entity_one_aggregate_per_id ON known_entity (entity_id)
    WHERE kind IN ('SOURCE', 'EVENT', 'NARRATIVE');
