-- The read model: tables shaped for the analysts' questions, written by the tracking processor "read-model" from
-- the ledger alone, and dropped and refilled by a rebuild. Times are timestamptz in UTC:
--   counts_from   the reported time from which a fact counts for asOf ("what had been reported by D");
--   recorded_*    the ledger's own timestamps, for recordedAsOf ("what did Parley show at T").
-- '9999-12-31' stands for "not yet ended" and, in occurred_start, for "no occurred time given".

CREATE TABLE read_source (
    source_id        VARCHAR(255) PRIMARY KEY,
    outlet           TEXT,
    registered       TEXT         NOT NULL, -- the SourceRegistered event as JSON
    counts_from      TIMESTAMPTZ  NOT NULL,
    counts_from_note TEXT         NOT NULL,
    ancestors        TEXT         NOT NULL, -- JSON array: every source it republishes or rests on, transitively
    origins          TEXT         NOT NULL, -- JSON array: where those chains end (itself when it rests on none)
    recorded_at      TIMESTAMPTZ  NOT NULL,
    ledger_sequence  BIGINT       NOT NULL
);

CREATE TABLE read_event (
    event_id        VARCHAR(255) PRIMARY KEY,
    kind            VARCHAR(32)  NOT NULL,
    title           TEXT         NOT NULL,
    citation        TEXT         NOT NULL,
    recorded_at     TIMESTAMPTZ  NOT NULL,
    ledger_sequence BIGINT       NOT NULL
);

-- Every account, correction and retraction as it was recorded: the event history, and what account versions
-- are computed from.
CREATE TABLE read_account_fact (
    ledger_sequence  BIGINT       PRIMARY KEY,
    fact_id          VARCHAR(255) NOT NULL, -- the account, correction or retraction id
    fact_kind        VARCHAR(16)  NOT NULL, -- RECORDED, CORRECTED, RETRACTED
    account_id       VARCHAR(255) NOT NULL,
    event_id         VARCHAR(255) NOT NULL,
    source_id        VARCHAR(255) NOT NULL, -- the cited source
    citation         TEXT         NOT NULL,
    claims           TEXT,
    reason           TEXT,
    counts_from      TIMESTAMPTZ  NOT NULL,
    counts_from_note TEXT         NOT NULL,
    recorded_at      TIMESTAMPTZ  NOT NULL,
    recorded_by      TEXT
);
CREATE INDEX read_account_fact_account ON read_account_fact (account_id, ledger_sequence);
CREATE INDEX read_account_fact_event ON read_account_fact (event_id, ledger_sequence);

-- One row per state of an account over a rectangle of reported time x recorded time: its claims with the
-- corrections reported by then, whether it was retracted by then.
CREATE TABLE account_version (
    account_id      VARCHAR(255) NOT NULL,
    event_id        VARCHAR(255) NOT NULL,
    source_id       VARCHAR(255) NOT NULL,
    outlet          TEXT,
    claims          TEXT         NOT NULL,
    occurred_start  TIMESTAMPTZ  NOT NULL,
    occurred_end    TIMESTAMPTZ  NOT NULL,
    reported_from   TIMESTAMPTZ  NOT NULL,
    reported_to     TIMESTAMPTZ  NOT NULL,
    recorded_from   TIMESTAMPTZ  NOT NULL,
    recorded_to     TIMESTAMPTZ  NOT NULL,
    retracted       BOOLEAN      NOT NULL,
    causes          BIGINT[]     NOT NULL, -- the facts (ledger sequences) whose report began this state
    applied         BIGINT[]     NOT NULL, -- the facts this state is made of, in the order they apply
    anomalies       TEXT         NOT NULL,
    PRIMARY KEY (account_id, recorded_from, reported_from)
);
CREATE INDEX account_version_occurred ON account_version (occurred_start, event_id);
CREATE INDEX account_version_event ON account_version (event_id, occurred_start);
CREATE INDEX account_version_source ON account_version (source_id);
CREATE INDEX account_version_outlet ON account_version (outlet);

CREATE TABLE read_link (
    link_id          VARCHAR(255) PRIMARY KEY,
    event_id         VARCHAR(255) NOT NULL,
    target_event_id  VARCHAR(255) NOT NULL,
    relation         VARCHAR(32)  NOT NULL,
    account_id       VARCHAR(255),
    source_id        VARCHAR(255) NOT NULL,
    outlet           TEXT,
    citation         TEXT         NOT NULL,
    counts_from      TIMESTAMPTZ  NOT NULL,
    counts_from_note TEXT         NOT NULL,
    recorded_at      TIMESTAMPTZ  NOT NULL,
    recorded_by      TEXT,
    ledger_sequence  BIGINT       NOT NULL UNIQUE
);
CREATE INDEX read_link_event ON read_link (event_id);
CREATE INDEX read_link_target ON read_link (target_event_id);
CREATE INDEX read_link_source ON read_link (source_id);

CREATE TABLE read_narrative_version (
    narrative_id    VARCHAR(255) NOT NULL,
    revision_id     VARCHAR(255),
    title           TEXT         NOT NULL,
    description     TEXT,
    selection       TEXT         NOT NULL,
    recorded_from   TIMESTAMPTZ  NOT NULL,
    recorded_to     TIMESTAMPTZ  NOT NULL,
    ledger_sequence BIGINT       NOT NULL UNIQUE,
    PRIMARY KEY (narrative_id, ledger_sequence)
);

-- Where the read model stands: how far it has read the ledger and, while it is being rebuilt, how far it must
-- go before it answers again. Outside the tables a rebuild drops.
CREATE TABLE read_model_state (
    id              INTEGER      PRIMARY KEY CHECK (id = 1),
    state           VARCHAR(16)  NOT NULL, -- REBUILDING or CURRENT
    position        BIGINT       NOT NULL,
    target_position BIGINT       NOT NULL,
    started_at      TIMESTAMPTZ  NOT NULL,
    finished_at     TIMESTAMPTZ,
    reason          TEXT         NOT NULL
);
-- A service that gains its read model on a ledger that already holds events starts with a full catch-up.
INSERT INTO read_model_state (id, state, position, target_position, started_at, reason)
SELECT 1,
       CASE WHEN max(global_index) IS NULL THEN 'CURRENT' ELSE 'REBUILDING' END,
       0,
       coalesce(max(global_index), 0),
       now(),
       'first build of the read model'
FROM domain_event_entry;
