-- Versions of the read model, blue/green: each version's tables live in a schema of their own, read_v<N>, and the
-- names every question reads (read_source, read_event, ...) are views in public onto the version that answers. A
-- rebuild builds version N+1 beside the answering one and, when it has caught up with the ledger, replaces the
-- views in the transaction that stores its last batch; the old schema is dropped after. Nothing reads a
-- half-built version: only the read model's processor, whose transactions put the version it writes first on
-- their search_path, ever names a read_v<N> schema.
CREATE SCHEMA read_v1;
ALTER TABLE read_source SET SCHEMA read_v1;
ALTER TABLE read_event SET SCHEMA read_v1;
ALTER TABLE read_account_fact SET SCHEMA read_v1;
ALTER TABLE account_version SET SCHEMA read_v1;
ALTER TABLE read_link SET SCHEMA read_v1;
ALTER TABLE read_narrative_version SET SCHEMA read_v1;

CREATE VIEW read_source AS SELECT * FROM read_v1.read_source;
CREATE VIEW read_event AS SELECT * FROM read_v1.read_event;
CREATE VIEW read_account_fact AS SELECT * FROM read_v1.read_account_fact;
CREATE VIEW account_version AS SELECT * FROM read_v1.account_version;
CREATE VIEW read_link AS SELECT * FROM read_v1.read_link;
CREATE VIEW read_narrative_version AS SELECT * FROM read_v1.read_narrative_version;

-- version: the version that answers, NULL until a first build is done (a new service on a ledger that holds
-- events). building_version: the version being built, NULL when none is. max_events_per_second: an operator's
-- cap on a rebuild's rate, NULL for none.
ALTER TABLE read_model_state
    ADD COLUMN version               INTEGER,
    ADD COLUMN building_version      INTEGER,
    ADD COLUMN max_events_per_second INTEGER;
-- A read model that was current is version 1, answering; one that was being built (a first build, or a rebuild
-- of the time before versions, which emptied the tables) goes on building version 1 where it stands.
UPDATE read_model_state
SET version          = CASE WHEN state = 'CURRENT' THEN 1 END,
    building_version = CASE WHEN state = 'REBUILDING' THEN 1 END;
