package org.parley.history.service.events.read;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.parley.history.contract.event.AccountCorrected;
import org.parley.history.contract.event.AccountFlagged;
import org.parley.history.contract.event.AccountRecorded;
import org.parley.history.contract.event.AccountRetracted;
import org.parley.history.contract.event.DiplomaticEventReported;
import org.parley.history.contract.event.EventsLinked;
import org.parley.history.contract.event.FlagCorrected;
import org.parley.history.contract.event.FlagRetracted;
import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.Moment;
import org.parley.history.contract.value.OccurredTime;
import org.parley.history.service.events.AccountAnomalies;
import org.parley.history.service.events.read.AccountRows.LinkRow;
import org.parley.history.service.events.read.EventChangeListener.Cause;
import org.parley.history.service.ledger.LedgerMetadata;
import org.parley.history.service.readmodel.PendingWrites;
import org.parley.history.service.readmodel.ReadModelBatch;
import org.parley.history.service.readmodel.ReadModelBatches;
import org.parley.history.service.readmodel.ReadModelSql;
import org.parley.history.service.readmodel.ReadWindow;
import org.parley.history.service.readmodel.RebuildableProjection;
import org.parley.history.service.readmodel.ReportedTime;
import org.parley.history.service.readmodel.TimeBound;
import org.parley.history.service.sources.read.SourceProjection;
import org.parley.history.service.sources.read.SourceProjection.SourceFacts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes the events' read model from the ledger alone: {@code read_event}, every account, correction and retraction
 * as a fact ({@code read_account_fact}), each account's versions over reported × recorded time
 * ({@code account_version}), and the links between events ({@code read_link}). Everything it stores comes from the
 * events and their ledger timestamps, never from the clock, so that a rebuild writes the same rows again.
 */
@Component
@ProcessingGroup(ReadModelBatches.PROCESSING_GROUP)
public class EventProjection implements RebuildableProjection {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final ReadModelBatches batches;
    private final SourceProjection sources;
    private final AccountRows rows;
    private final List<EventChangeListener> listeners;

    EventProjection(
            JdbcTemplate jdbc,
            ObjectMapper json,
            ReadModelBatches batches,
            SourceProjection sources,
            AccountRows rows,
            List<EventChangeListener> listeners) {
        this.jdbc = jdbc;
        this.json = json;
        this.batches = batches;
        this.sources = sources;
        this.rows = rows;
        this.listeners = listeners;
    }

    @EventHandler
    void on(DiplomaticEventReported event, @Timestamp Instant recordedAt, TrackedEventMessage<?> message) {
        ReadModelBatch batch = batches.of(message);
        batch.writes()
                .add(
                        "INSERT INTO read_event (event_id, kind, title, citation, recorded_at, ledger_sequence)"
                                + " VALUES (?, ?, ?, ?, ?, ?)",
                        event.eventId(),
                        event.kind().name(),
                        event.title(),
                        write(event.citation()),
                        ReadModelSql.utc(ReadModelSql.micros(recordedAt)),
                        batch.sequence(message.getIdentifier()));
    }

    @EventHandler
    void on(
            AccountRecorded account,
            @Timestamp Instant recordedAt,
            TrackedEventMessage<?> message,
            @MetaDataValue(LedgerMetadata.RECORDED_BY) String recordedBy) {
        ReadModelBatch batch = batches.of(message);
        SourceFacts source = sources.facts(account.citation().sourceId());
        AccountClaims claims = orEmpty(account.claims());
        AccountFact fact = new AccountFact(
                batch.sequence(message.getIdentifier()),
                AccountFact.Kind.RECORDED,
                account.accountId(),
                claims,
                source.counting().from(),
                ReadModelSql.micros(recordedAt));
        changing(batch, account.eventId(), fact, account.citation(), account.accountId());
        addFact(
                batch.writes(),
                fact,
                account.accountId(),
                account.eventId(),
                account.citation(),
                null,
                source.counting(),
                recordedBy);
        writeVersions(
                batch.writes(),
                account.accountId(),
                account.eventId(),
                account.citation().sourceId(),
                source,
                List.of(fact));
    }

    @EventHandler
    void on(
            AccountCorrected correction,
            @Timestamp Instant recordedAt,
            TrackedEventMessage<?> message,
            @MetaDataValue(LedgerMetadata.RECORDED_BY) String recordedBy) {
        changeAccount(
                batches.of(message),
                message,
                new AccountChange(
                        AccountFact.Kind.CORRECTED,
                        correction.correctionId(),
                        orEmpty(correction.claims()),
                        correction.reported(),
                        correction.accountId(),
                        correction.eventId(),
                        correction.citation(),
                        correction.reason()),
                recordedAt,
                recordedBy);
    }

    @EventHandler
    void on(
            AccountRetracted retraction,
            @Timestamp Instant recordedAt,
            TrackedEventMessage<?> message,
            @MetaDataValue(LedgerMetadata.RECORDED_BY) String recordedBy) {
        changeAccount(
                batches.of(message),
                message,
                new AccountChange(
                        AccountFact.Kind.RETRACTED,
                        retraction.retractionId(),
                        null,
                        retraction.reported(),
                        retraction.accountId(),
                        retraction.eventId(),
                        retraction.citation(),
                        retraction.reason()),
                recordedAt,
                recordedBy);
    }

    @EventHandler
    void on(
            EventsLinked link,
            @Timestamp Instant recordedAt,
            TrackedEventMessage<?> message,
            @MetaDataValue(LedgerMetadata.RECORDED_BY) String recordedBy) {
        ReadModelBatch batch = batches.of(message);
        long sequence = batch.sequence(message.getIdentifier());
        SourceFacts source = sources.facts(link.citation().sourceId());
        Instant recorded = ReadModelSql.micros(recordedAt);
        batch.writes()
                .add(
                        "INSERT INTO read_link (link_id, event_id, target_event_id, relation, account_id, source_id,"
                                + " outlet, citation, counts_from, counts_from_note, recorded_at, recorded_by,"
                                + " ledger_sequence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        link.linkId(),
                        link.eventId(),
                        link.targetEventId(),
                        link.relation().name(),
                        link.accountId(),
                        link.citation().sourceId(),
                        source.outlet(),
                        write(link.citation()),
                        ReadModelSql.utc(source.counting().from()),
                        source.counting().note(),
                        ReadModelSql.utc(recorded),
                        recordedBy,
                        sequence);
        if (batch.newsworthy() && !source.counting().from().isAfter(recorded)) {
            LinkRow row = new LinkRow(
                    link.linkId(),
                    link.eventId(),
                    link.targetEventId(),
                    link.relation(),
                    link.accountId(),
                    link.citation().sourceId(),
                    link.citation(),
                    source.counting().from(),
                    source.counting().note(),
                    recorded,
                    recordedBy,
                    sequence,
                    source.outlet());
            Cause cause =
                    new Cause(sequence, null, recorded, source.counting().from(), link.citation(), link.accountId());
            listeners.forEach(listener -> listener.linkChanged(batch, row, cause, true));
        }
    }

    @EventHandler
    void on(
            AccountFlagged flag,
            @Timestamp Instant recordedAt,
            TrackedEventMessage<?> message,
            @MetaDataValue(LedgerMetadata.RECORDED_BY) String recordedBy) {
        flagFact(
                batches.of(message),
                message,
                AccountRows.FlagFactKind.FLAGGED,
                flag.flagId(),
                flag.flagId(),
                flag.accountId(),
                flag.eventId(),
                flag.citation(),
                flag.reason(),
                recordedAt,
                recordedBy);
    }

    @EventHandler
    void on(
            FlagCorrected correction,
            @Timestamp Instant recordedAt,
            TrackedEventMessage<?> message,
            @MetaDataValue(LedgerMetadata.RECORDED_BY) String recordedBy) {
        flagFact(
                batches.of(message),
                message,
                AccountRows.FlagFactKind.CORRECTED,
                correction.correctionId(),
                correction.flagId(),
                null,
                correction.eventId(),
                correction.citation(),
                correction.reason(),
                recordedAt,
                recordedBy);
    }

    @EventHandler
    void on(
            FlagRetracted retraction,
            @Timestamp Instant recordedAt,
            TrackedEventMessage<?> message,
            @MetaDataValue(LedgerMetadata.RECORDED_BY) String recordedBy) {
        flagFact(
                batches.of(message),
                message,
                AccountRows.FlagFactKind.RETRACTED,
                retraction.retractionId(),
                retraction.flagId(),
                null,
                retraction.eventId(),
                retraction.citation(),
                retraction.reason(),
                recordedAt,
                recordedBy);
    }

    /**
     * One editorial flag fact. A correction or retraction names only its flag; the account is the flag's. A flag is
     * Parley's own statement and counts from when the ledger recorded it, so it is news at once.
     */
    private void flagFact(
            ReadModelBatch batch,
            TrackedEventMessage<?> message,
            AccountRows.FlagFactKind kind,
            String factId,
            String flagId,
            String accountId,
            String eventId,
            Citation citation,
            String reason,
            Instant recordedAt,
            String recordedBy) {
        long sequence = batch.sequence(message.getIdentifier());
        Instant recorded = ReadModelSql.micros(recordedAt);
        String flagged = accountId;
        if (flagged == null) {
            batch.writes().flush();
            flagged = jdbc.queryForObject(
                    "SELECT account_id FROM read_flag_fact WHERE event_id = ? AND flag_id = ? AND fact_kind = 'FLAGGED'",
                    String.class,
                    eventId,
                    flagId);
        }
        if (batch.newsworthy()) {
            Cause cause = new Cause(sequence, null, recorded, recorded, citation, flagged);
            listeners.forEach(listener -> listener.accountsChanging(batch, eventId, cause));
        }
        batch.writes()
                .add(
                        "INSERT INTO read_flag_fact (ledger_sequence, fact_kind, fact_id, flag_id, account_id, event_id,"
                                + " citation, reason, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        sequence,
                        kind.name(),
                        factId,
                        flagId,
                        flagged,
                        eventId,
                        write(citation),
                        reason,
                        ReadModelSql.utc(recorded),
                        recordedBy);
    }

    /** Tells the listeners, in a batch that is news, that an event's accounts are about to change. */
    private void changing(ReadModelBatch batch, String eventId, AccountFact fact, Citation citation, String accountId) {
        if (batch.newsworthy()) {
            Cause cause = cause(fact, citation, accountId);
            listeners.forEach(listener -> listener.accountsChanging(batch, eventId, cause));
        }
    }

    private static Cause cause(AccountFact fact, Citation citation, String accountId) {
        return new Cause(fact.sequence(), fact.kind(), fact.recordedAt(), fact.countsFrom(), citation, accountId);
    }

    /** A correction or a retraction, as the projection applies either: a new fact of an account already recorded. */
    private record AccountChange(
            AccountFact.Kind kind,
            String factId,
            AccountClaims claims,
            Moment reported,
            String accountId,
            String eventId,
            Citation citation,
            String reason) {}

    private void changeAccount(
            ReadModelBatch batch,
            TrackedEventMessage<?> message,
            AccountChange change,
            Instant recordedAt,
            String recordedBy) {
        ReportedTime.Counting counting = ReportedTime.ofReport(
                change.reported(), sources.facts(change.citation().sourceId()).counting());
        AccountFact fact = new AccountFact(
                batch.sequence(message.getIdentifier()),
                change.kind(),
                change.factId(),
                change.claims(),
                counting.from(),
                ReadModelSql.micros(recordedAt));
        String accountId = change.accountId();
        String eventId = change.eventId();
        Citation citation = change.citation();
        String reason = change.reason();
        PendingWrites pending = batch.writes();
        changing(batch, eventId, fact, citation, accountId);
        List<LinkRow> dropped = List.of();
        if (fact.kind() == AccountFact.Kind.RETRACTED && batch.newsworthy()) {
            pending.flush();
            TimeBound at = new TimeBound(null, fact.recordedAt(), "when the ledger recorded the change");
            dropped = rows.linksAssertedBy(accountId, new ReadWindow(at, at));
        }
        addFact(pending, fact, accountId, eventId, citation, reason, counting, recordedBy);
        pending.flush();
        Cause cause = cause(fact, citation, accountId);
        dropped.forEach(link -> listeners.forEach(listener -> listener.linkChanged(batch, link, cause, false)));
        List<AccountFact> facts = jdbc.query(
                "SELECT ledger_sequence, fact_kind, fact_id, claims, counts_from, recorded_at FROM read_account_fact"
                        + " WHERE account_id = ? ORDER BY ledger_sequence",
                (row, n) -> new AccountFact(
                        row.getLong(1),
                        AccountFact.Kind.valueOf(row.getString(2)),
                        row.getString(3),
                        row.getString(4) == null
                                ? null
                                : ReadModelSql.read(json, row.getString(4), AccountClaims.class),
                        row.getObject(5, OffsetDateTime.class).toInstant(),
                        row.getObject(6, OffsetDateTime.class).toInstant()),
                accountId);
        String accountSource = jdbc.queryForObject(
                "SELECT source_id FROM read_account_fact WHERE account_id = ? AND fact_kind = 'RECORDED'",
                String.class,
                accountId);
        pending.add("DELETE FROM account_version WHERE account_id = ?", accountId);
        writeVersions(pending, accountId, eventId, accountSource, sources.facts(accountSource), facts);
    }

    private void addFact(
            PendingWrites pending,
            AccountFact fact,
            String accountId,
            String eventId,
            Citation citation,
            String reason,
            ReportedTime.Counting counting,
            String recordedBy) {
        pending.add(
                "INSERT INTO read_account_fact (ledger_sequence, fact_id, fact_kind, account_id, event_id, source_id,"
                        + " citation, claims, reason, counts_from, counts_from_note, recorded_at, recorded_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                fact.sequence(),
                fact.factId(),
                fact.kind().name(),
                accountId,
                eventId,
                citation.sourceId(),
                write(citation),
                fact.claims() == null ? null : write(fact.claims()),
                reason,
                ReadModelSql.utc(counting.from()),
                counting.note(),
                ReadModelSql.utc(fact.recordedAt()),
                recordedBy);
    }

    private void writeVersions(
            PendingWrites pending,
            String accountId,
            String eventId,
            String sourceId,
            SourceFacts source,
            List<AccountFact> facts) {
        for (AccountVersions.AccountVersion version : AccountVersions.of(facts)) {
            OccurredTime occurred = version.claims().occurred();
            pending.add(
                    "INSERT INTO account_version (account_id, event_id, source_id, outlet, occurred_start,"
                            + " occurred_end, reported_from, reported_to, recorded_from, recorded_to, retracted, causes,"
                            + " applied, anomalies) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::bigint[], ?::bigint[], ?)",
                    accountId,
                    eventId,
                    sourceId,
                    source.outlet(),
                    ReadModelSql.utc(occurredStart(occurred)),
                    ReadModelSql.utc(occurredEnd(occurred)),
                    ReadModelSql.utc(version.reportedFrom()),
                    ReadModelSql.utc(version.reportedTo()),
                    ReadModelSql.utc(version.recordedFrom()),
                    ReadModelSql.utc(version.recordedTo()),
                    version.retracted(),
                    ReadModelSql.array(version.causes()),
                    ReadModelSql.array(version.applied()),
                    write(AccountAnomalies.of(version.claims(), source.publication())));
        }
    }

    static Instant occurredStart(OccurredTime occurred) {
        return known(occurred == null ? null : occurred.from())
                .map(Moment::start)
                .orElse(ReportedTime.OPEN);
    }

    static Instant occurredEnd(OccurredTime occurred) {
        return known(occurred == null ? null : occurred.last())
                .map(Moment::endExclusive)
                .orElse(ReportedTime.OPEN);
    }

    private static Optional<Moment> known(Moment moment) {
        return moment != null && moment.hasTime() && moment.defect().isEmpty() ? Optional.of(moment) : Optional.empty();
    }

    private static AccountClaims orEmpty(AccountClaims claims) {
        return claims != null ? claims : new AccountClaims(null, null, null, null, null, null, null, null);
    }

    private String write(Object value) {
        return ReadModelSql.write(json, value);
    }

    @Override
    public List<String> tables() {
        return List.of("read_event", "read_account_fact", "account_version", "read_link", "read_flag_fact");
    }
}
