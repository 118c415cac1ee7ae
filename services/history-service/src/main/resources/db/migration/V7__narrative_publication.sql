-- How far the narrative topic has been published from narrative_change (its id): one row, locked by the instance
-- that publishes, so that one instance publishes at a time.
CREATE TABLE narrative_publication (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    position BIGINT  NOT NULL
);
INSERT INTO narrative_publication (id, position) VALUES (1, 0);
