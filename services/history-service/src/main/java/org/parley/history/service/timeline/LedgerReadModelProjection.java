package org.parley.history.service.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.parley.history.contract.change.NarrativeChangeKind;
import org.parley.history.contract.event.AccountCorrected;
import org.parley.history.contract.event.AccountRecorded;
import org.parley.history.contract.event.AccountRetracted;
import org.parley.history.contract.event.DiplomaticEventReported;
import org.parley.history.contract.event.EventsLinked;
import org.parley.history.contract.event.NarrativeDefined;
import org.parley.history.contract.event.NarrativeRevised;
import org.parley.history.contract.event.SourceRegistered;
import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.Moment;
import org.parley.history.contract.value.NarrativeSelection;
import org.parley.history.contract.value.OccurredTime;
import org.parley.history.contract.value.Publication;
import org.parley.history.service.events.AccountAnomalies;
import org.parley.history.service.ledger.LedgerMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes the read model from the ledger alone, in ledger order, through the tracking processor {@value
 * #PROCESSING_GROUP}. Everything it stores comes from the events and their ledger timestamps, never from the
 * clock, so that a rebuild writes the same rows again.
 */
@Component
@ProcessingGroup(LedgerReadModelProjection.PROCESSING_GROUP)
class LedgerReadModelProjection {

    static final String PROCESSING_GROUP = "read-model";

    private static final Logger log = LoggerFactory.getLogger(LedgerReadModelProjection.class);
    private static final String PENDING = LedgerReadModelProjection.class.getName() + ".pending";

    /** What an account needs to know about its source. Sources never change once registered. */
    record SourceFacts(
            String outlet,
            Publication publication,
            ReportedTime.Counting counting,
            List<String> ancestors,
            List<String> origins) {}

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final NarrativeChangeLog changes;
    private final Map<String, SourceFacts> sources = new ConcurrentHashMap<>();
    private volatile Instant lastProgressLog = Instant.EPOCH;

    LedgerReadModelProjection(JdbcTemplate jdbc, ObjectMapper json, Clock clock, NarrativeChangeLog changes) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.changes = changes;
    }

    @EventHandler
    void on(SourceRegistered source, @Timestamp Instant recordedAt, TrackedEventMessage<?> message) {
        Instant recorded = micros(recordedAt);
        ReportedTime.Counting counting = ReportedTime.ofPublication(source.publication(), recorded);
        TreeSet<String> bases = new TreeSet<>(source.restsOn());
        if (source.republicationOf() != null) {
            bases.add(source.republicationOf());
        }
        TreeSet<String> ancestors = new TreeSet<>(bases);
        TreeSet<String> origins = new TreeSet<>();
        for (String basis : bases) {
            ancestors.addAll(source(basis).ancestors());
            origins.addAll(source(basis).origins());
        }
        if (bases.isEmpty()) {
            origins.add(source.sourceId());
        }
        SourceFacts facts = new SourceFacts(
                source.outlet(), source.publication(), counting, List.copyOf(ancestors), List.copyOf(origins));
        sources.put(source.sourceId(), facts);
        pending(message)
                .add(
                        "INSERT INTO read_source (source_id, outlet, registered, counts_from, counts_from_note,"
                                + " ancestors, origins, recorded_at, ledger_sequence)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        source.sourceId(),
                        source.outlet(),
                        write(source),
                        utc(counting.from()),
                        counting.note(),
                        write(facts.ancestors()),
                        write(facts.origins()),
                        utc(recorded),
                        sequence(message));
    }

    @EventHandler
    void on(DiplomaticEventReported event, @Timestamp Instant recordedAt, TrackedEventMessage<?> message) {
        pending(message)
                .add(
                        "INSERT INTO read_event (event_id, kind, title, citation, recorded_at, ledger_sequence)"
                                + " VALUES (?, ?, ?, ?, ?, ?)",
                        event.eventId(),
                        event.kind().name(),
                        event.title(),
                        write(event.citation()),
                        utc(micros(recordedAt)),
                        sequence(message));
    }

    @EventHandler
    void on(
            AccountRecorded account,
            @Timestamp Instant recordedAt,
            TrackedEventMessage<?> message,
            @MetaDataValue(LedgerMetadata.RECORDED_BY) String recordedBy) {
        SourceFacts source = source(account.citation().sourceId());
        AccountClaims claims = orEmpty(account.claims());
        AccountFact fact = new AccountFact(
                sequence(message),
                AccountFact.Kind.RECORDED,
                account.accountId(),
                claims,
                source.counting().from(),
                micros(recordedAt));
        PendingWrites pending = pending(message);
        touch(account.eventId(), fact, account.citation(), account.accountId());
        addFact(
                pending,
                fact,
                account.accountId(),
                account.eventId(),
                account.citation(),
                null,
                source.counting(),
                recordedBy);
        writeVersions(
                pending,
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
        ReportedTime.Counting counting = ReportedTime.ofReport(
                correction.reported(), source(correction.citation().sourceId()).counting());
        AccountFact fact = new AccountFact(
                sequence(message),
                AccountFact.Kind.CORRECTED,
                correction.correctionId(),
                orEmpty(correction.claims()),
                counting.from(),
                micros(recordedAt));
        changeAccount(
                message,
                correction.accountId(),
                correction.eventId(),
                correction.citation(),
                correction.reason(),
                counting,
                fact,
                recordedBy);
    }

    @EventHandler
    void on(
            AccountRetracted retraction,
            @Timestamp Instant recordedAt,
            TrackedEventMessage<?> message,
            @MetaDataValue(LedgerMetadata.RECORDED_BY) String recordedBy) {
        ReportedTime.Counting counting = ReportedTime.ofReport(
                retraction.reported(), source(retraction.citation().sourceId()).counting());
        AccountFact fact = new AccountFact(
                sequence(message),
                AccountFact.Kind.RETRACTED,
                retraction.retractionId(),
                null,
                counting.from(),
                micros(recordedAt));
        changeAccount(
                message,
                retraction.accountId(),
                retraction.eventId(),
                retraction.citation(),
                retraction.reason(),
                counting,
                fact,
                recordedBy);
    }

    @EventHandler
    void on(
            EventsLinked link,
            @Timestamp Instant recordedAt,
            TrackedEventMessage<?> message,
            @MetaDataValue(LedgerMetadata.RECORDED_BY) String recordedBy) {
        SourceFacts source = source(link.citation().sourceId());
        pending(message)
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
                        utc(source.counting().from()),
                        source.counting().note(),
                        utc(micros(recordedAt)),
                        recordedBy,
                        sequence(message));
        Instant recorded = micros(recordedAt);
        if (batch().newsworthy && !source.counting().from().isAfter(recorded)) {
            ReadModelRows.LinkRow row = new ReadModelRows.LinkRow(
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
                    sequence(message),
                    source.outlet());
            changes.linkChanged(
                    row,
                    new NarrativeChangeLog.Cause(
                            sequence(message),
                            null,
                            recorded,
                            source.counting().from(),
                            link.citation(),
                            link.accountId()),
                    true,
                    recorded);
        }
    }

    @EventHandler
    void on(NarrativeDefined narrative, @Timestamp Instant recordedAt, TrackedEventMessage<?> message) {
        announce(narrative.narrativeId(), NarrativeChangeKind.NARRATIVE_DEFINED, message, recordedAt);
        reviseNarrative(
                message,
                narrative.narrativeId(),
                null,
                narrative.title(),
                narrative.description(),
                narrative.selection(),
                recordedAt);
    }

    @EventHandler
    void on(NarrativeRevised narrative, @Timestamp Instant recordedAt, TrackedEventMessage<?> message) {
        announce(narrative.narrativeId(), NarrativeChangeKind.NARRATIVE_REVISED, message, recordedAt);
        reviseNarrative(
                message,
                narrative.narrativeId(),
                narrative.revisionId(),
                narrative.title(),
                narrative.description(),
                narrative.selection(),
                recordedAt);
    }

    private void announce(
            String narrativeId, NarrativeChangeKind kind, TrackedEventMessage<?> message, Instant recordedAt) {
        pending(message);
        if (batch().newsworthy) {
            changes.narrativeChanged(narrativeId, kind, sequence(message), micros(recordedAt));
        }
    }

    /**
     * Notes that a ledger event of this batch changes an event's accounts: the first time, the event is pictured in
     * every narrative as it stood before the batch; when the batch commits, again, and the differences are logged.
     * A rebuild logs nothing: the changes it replays were news once, when first read.
     */
    private void touch(String eventId, AccountFact fact, Citation citation, String accountId) {
        Batch batch = batch();
        if (!batch.newsworthy) {
            return;
        }
        if (!batch.before.containsKey(eventId)) {
            batch.writes.flush();
            batch.before.put(eventId, changes.snapshot(eventId, fact.recordedAt()));
        }
        batch.causes.computeIfAbsent(eventId, id -> new ArrayList<>()).add(cause(fact, citation, accountId));
    }

    private static NarrativeChangeLog.Cause cause(AccountFact fact, Citation citation, String accountId) {
        return new NarrativeChangeLog.Cause(
                fact.sequence(), fact.kind(), fact.recordedAt(), fact.countsFrom(), citation, accountId);
    }

    private void logChanges(Batch batch) {
        batch.before.forEach((eventId, before) -> {
            List<NarrativeChangeLog.Cause> causes = batch.causes.get(eventId);
            Instant at = causes.get(causes.size() - 1).recorded();
            changes.accountsChanged(eventId, before, changes.snapshot(eventId, at), causes);
        });
    }

    /** Forgets what it remembered of sources, for a rebuild that starts from nothing. */
    void forget() {
        sources.clear();
    }

    /**
     * Ends the current batch's work so far as if the batch ended here: its writes sent, its narrative changes logged.
     * {@link ReadModelIsolation} does this around an event it applies alone, so that what fails is that event's.
     */
    void settle() {
        Batch batch = CurrentUnitOfWork.isStarted() ? batch() : null;
        if (batch == null) {
            return;
        }
        batch.writes.flush();
        logChanges(batch);
        batch.before.clear();
        batch.causes.clear();
    }

    /**
     * Forgets what the current batch holds since it last settled, and what is remembered of sources: the event that
     * made it was undone (rolled back to before it), and none of it may reach the read model.
     */
    void discard() {
        Batch batch = CurrentUnitOfWork.isStarted() ? batch() : null;
        if (batch != null) {
            batch.writes.discard();
            batch.before.clear();
            batch.causes.clear();
        }
        sources.clear();
    }

    private void reviseNarrative(
            TrackedEventMessage<?> message,
            String narrativeId,
            String revisionId,
            String title,
            String description,
            NarrativeSelection selection,
            Instant recordedAt) {
        OffsetDateTime recorded = utc(micros(recordedAt));
        PendingWrites pending = pending(message);
        pending.add(
                "UPDATE read_narrative_version SET recorded_to = ? WHERE narrative_id = ? AND recorded_to = ?",
                recorded,
                narrativeId,
                utc(ReportedTime.OPEN));
        pending.add(
                "INSERT INTO read_narrative_version (narrative_id, revision_id, title, description, selection,"
                        + " recorded_from, recorded_to, ledger_sequence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                narrativeId,
                revisionId,
                title,
                description,
                write(selection),
                recorded,
                utc(ReportedTime.OPEN),
                sequence(message));
    }

    private void changeAccount(
            TrackedEventMessage<?> message,
            String accountId,
            String eventId,
            Citation citation,
            String reason,
            ReportedTime.Counting counting,
            AccountFact fact,
            String recordedBy) {
        PendingWrites pending = pending(message);
        touch(eventId, fact, citation, accountId);
        List<ReadModelRows.LinkRow> dropped = List.of();
        if (fact.kind() == AccountFact.Kind.RETRACTED && batch().newsworthy) {
            pending.flush();
            dropped = changes.linksAssertedBy(accountId, fact.recordedAt());
        }
        addFact(pending, fact, accountId, eventId, citation, reason, counting, recordedBy);
        pending.flush();
        NarrativeChangeLog.Cause cause = cause(fact, citation, accountId);
        dropped.forEach(link -> changes.linkChanged(link, cause, false, fact.recordedAt()));
        List<AccountFact> facts = jdbc.query(
                "SELECT ledger_sequence, fact_kind, fact_id, claims, counts_from, recorded_at FROM read_account_fact"
                        + " WHERE account_id = ? ORDER BY ledger_sequence",
                (row, n) -> new AccountFact(
                        row.getLong(1),
                        AccountFact.Kind.valueOf(row.getString(2)),
                        row.getString(3),
                        row.getString(4) == null ? null : read(row.getString(4), AccountClaims.class),
                        row.getObject(5, OffsetDateTime.class).toInstant(),
                        row.getObject(6, OffsetDateTime.class).toInstant()),
                accountId);
        String accountSource = jdbc.queryForObject(
                "SELECT source_id FROM read_account_fact WHERE account_id = ? AND fact_kind = 'RECORDED'",
                String.class,
                accountId);
        pending.add("DELETE FROM account_version WHERE account_id = ?", accountId);
        writeVersions(pending, accountId, eventId, accountSource, source(accountSource), facts);
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
                utc(counting.from()),
                counting.note(),
                utc(fact.recordedAt()),
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
                    utc(occurredStart(occurred)),
                    utc(occurredEnd(occurred)),
                    utc(version.reportedFrom()),
                    utc(version.reportedTo()),
                    utc(version.recordedFrom()),
                    utc(version.recordedTo()),
                    version.retracted(),
                    array(version.causes()),
                    array(version.applied()),
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

    private SourceFacts source(String sourceId) {
        SourceFacts known = sources.get(sourceId);
        if (known != null) {
            return known;
        }
        currentPending().ifPresent(PendingWrites::flush);
        SourceFacts loaded = jdbc.queryForObject(
                "SELECT outlet, registered, counts_from, counts_from_note, ancestors, origins FROM read_source"
                        + " WHERE source_id = ?",
                (row, n) -> new SourceFacts(
                        row.getString(1),
                        read(row.getString(2), SourceRegistered.class).publication(),
                        new ReportedTime.Counting(
                                row.getObject(3, OffsetDateTime.class).toInstant(), row.getString(4)),
                        List.of(read(row.getString(5), String[].class)),
                        List.of(read(row.getString(6), String[].class))),
                sourceId);
        sources.put(sourceId, loaded);
        return loaded;
    }

    /** The batch's writes, flushed together with the read model's position when the batch commits. */
    private PendingWrites pending(TrackedEventMessage<?> message) {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Batch batch = root.getOrComputeResource(PENDING, key -> {
            Batch fresh = new Batch(
                    new PendingWrites(jdbc),
                    "CURRENT"
                            .equals(jdbc.queryForObject(
                                    "SELECT state FROM read_model_state WHERE id = 1", String.class)));
            root.onPrepareCommit(unit -> {
                fresh.writes.flush();
                logChanges(fresh);
                advance(fresh.position);
            });
            return fresh;
        });
        batch.position = Math.max(batch.position, position(message.trackingToken()));
        resolveSequence(batch, message);
        return batch.writes;
    }

    private Optional<PendingWrites> currentPending() {
        if (!CurrentUnitOfWork.isStarted()) {
            return Optional.empty();
        }
        Batch batch = CurrentUnitOfWork.get().root().getResource(PENDING);
        return Optional.ofNullable(batch).map(present -> present.writes);
    }

    private Batch batch() {
        return CurrentUnitOfWork.get().root().getResource(PENDING);
    }

    /** One batch of ledger events: its writes, how far it reaches, and what it changed in narratives. */
    private static final class Batch {
        final PendingWrites writes;
        final boolean newsworthy;
        final Map<String, NarrativeChangeLog.Snapshot> before = new LinkedHashMap<>();
        final Map<String, List<NarrativeChangeLog.Cause>> causes = new HashMap<>();
        final Map<String, Long> sequences = new HashMap<>();
        long position;
        long lastIndex = -1;

        Batch(PendingWrites writes, boolean newsworthy) {
            this.writes = writes;
            this.newsworthy = newsworthy;
        }
    }

    private void advance(long position) {
        Instant now = clock.instant();
        List<Map<String, Object>> state = jdbc.queryForList(
                "UPDATE read_model_state SET position = greatest(position, ?),"
                        + " finished_at = CASE WHEN state = 'REBUILDING' AND ? >= target_position THEN ? ELSE finished_at"
                        + " END, state = CASE WHEN ? >= target_position THEN 'CURRENT' ELSE state END"
                        + " WHERE id = 1 RETURNING state, position, target_position, started_at, finished_at",
                position,
                position,
                utc(now),
                position);
        if (state.isEmpty()) {
            return;
        }
        Map<String, Object> row = state.get(0);
        Instant finished = row.get("finished_at") instanceof java.sql.Timestamp at ? at.toInstant() : null;
        boolean justFinished = micros(now).equals(finished);
        boolean rebuilding = "REBUILDING".equals(row.get("state"));
        if (justFinished) {
            // The tables were refilled from nothing: the planner's statistics must say so before questions come.
            jdbc.execute("ANALYZE read_source, read_event, read_account_fact, account_version, read_link,"
                    + " read_narrative_version");
        }
        if (justFinished || (rebuilding && now.isAfter(lastProgressLog.plusSeconds(5)))) {
            lastProgressLog = now;
            ReadModelStatus status = ReadModelStatus.of(
                    (String) row.get("state"),
                    "",
                    ((Number) row.get("position")).longValue(),
                    ((Number) row.get("target_position")).longValue(),
                    ((java.sql.Timestamp) row.get("started_at")).toInstant(),
                    finished,
                    now);
            log.info("Read model {}: {}", justFinished ? "rebuild done" : "rebuilding", status.describe());
        }
    }

    private static long position(TrackingToken token) {
        return token == null ? 0 : token.position().orElse(0);
    }

    /**
     * The event's own place in the ledger's global sequence. Usually its tracking token's position; but an event
     * committed after a later one (filling a gap) carries a token whose position is the highest index seen, so when
     * the token cannot vouch for it (gaps, or no earlier event of this batch to compare with) it is looked up.
     */
    private long sequence(TrackedEventMessage<?> message) {
        pending(message);
        return batch().sequences.get(message.getIdentifier());
    }

    private void resolveSequence(Batch batch, TrackedEventMessage<?> message) {
        if (batch.sequences.containsKey(message.getIdentifier())) {
            return;
        }
        TrackingToken token = message.trackingToken();
        TrackingToken inner = token instanceof ReplayToken replay ? replay.getCurrentToken() : token;
        long index = position(token);
        boolean advancedWithoutGaps = inner instanceof GapAwareTrackingToken gapAware
                && gapAware.getGaps().isEmpty()
                && batch.lastIndex >= 0
                && index > batch.lastIndex;
        long sequence = advancedWithoutGaps
                ? index
                : jdbc.queryForObject(
                        "SELECT global_index FROM domain_event_entry WHERE event_identifier = ?",
                        Long.class,
                        message.getIdentifier());
        batch.lastIndex = index;
        batch.sequences.put(message.getIdentifier(), sequence);
    }

    private static AccountClaims orEmpty(AccountClaims claims) {
        return claims != null ? claims : new AccountClaims(null, null, null, null, null, null, null, null);
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String array(List<Long> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read " + type.getSimpleName() + " from the read model", e);
        }
    }
}
