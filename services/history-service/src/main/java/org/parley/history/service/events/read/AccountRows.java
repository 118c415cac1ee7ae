package org.parley.history.service.events.read;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Anomaly;
import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.LinkRelation;
import org.parley.history.service.readmodel.ReadModelSql;
import org.parley.history.service.readmodel.ReadWindow;
import org.parley.history.service.readmodel.TimeBound;
import org.parley.history.service.sources.read.SourceRows;
import org.parley.history.service.sources.read.SourceRows.SourceRow;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The rows of the events' read model ({@code read_event}, {@code read_account_fact}, {@code account_version},
 * {@code read_link}), fetched by index for one question at a time; a narrative's questions select among them
 * through an {@link AccountSelection}.
 */
@Component
public class AccountRows {

    /** An account version is in force at (asOf, recordedAsOf) and not retracted. */
    private static final String IN_FORCE = " %1$s.reported_from <= :asOf AND %1$s.reported_to > :asOf"
            + " AND %1$s.recorded_from <= :recordedAsOf AND %1$s.recorded_to > :recordedAsOf AND NOT %1$s.retracted";

    private static final String VERSION_COLUMNS = "v.account_id, v.event_id, v.source_id, v.occurred_start,"
            + " v.occurred_end, v.reported_from, v.reported_to, v.retracted, v.causes, v.applied, v.anomalies, v.outlet";

    private static final String FACT_COLUMNS = "f.ledger_sequence, f.fact_kind, f.fact_id, f.account_id, f.event_id,"
            + " f.source_id, f.citation, f.claims, f.reason, f.counts_from, f.counts_from_note, f.recorded_at,"
            + " f.recorded_by";

    private static final String LINK_COLUMNS = "l.link_id, l.event_id, l.target_event_id, l.relation, l.account_id,"
            + " l.source_id, l.citation, l.counts_from, l.counts_from_note, l.recorded_at, l.recorded_by,"
            + " l.ledger_sequence, l.outlet";

    /** A link counts at (asOf, recordedAsOf) unless the account that asserted it was retracted by then. */
    private static final String LINK_IN_FORCE = " l.counts_from <= :asOf AND l.recorded_at <= :recordedAsOf"
            + " AND NOT EXISTS (SELECT 1 FROM read_account_fact r WHERE r.account_id = l.account_id"
            + " AND r.fact_kind = 'RETRACTED' AND r.counts_from <= :asOf AND r.recorded_at <= :recordedAsOf)";

    public record VersionRow(
            String accountId,
            String eventId,
            String sourceId,
            Instant occurredStart,
            Instant occurredEnd,
            Instant reportedFrom,
            Instant reportedTo,
            boolean retracted,
            List<Long> causes,
            List<Long> applied,
            List<Anomaly> anomalies,
            String outlet) {}

    public record FactRow(
            long sequence,
            AccountFact.Kind kind,
            String factId,
            String accountId,
            String eventId,
            String sourceId,
            Citation citation,
            AccountClaims claims,
            String reason,
            Instant countsFrom,
            String countsFromNote,
            Instant recordedAt,
            String recordedBy) {}

    public record LinkRow(
            String linkId,
            String eventId,
            String targetEventId,
            LinkRelation relation,
            String accountId,
            String sourceId,
            Citation citation,
            Instant countsFrom,
            String countsFromNote,
            Instant recordedAt,
            String recordedBy,
            long sequence,
            String outlet) {}

    /** An editorial flag of an account, or a correction or retraction of one, as the ledger recorded it. */
    public record FlagFactRow(
            long sequence,
            FlagFactKind kind,
            String factId,
            String flagId,
            String accountId,
            String eventId,
            Citation citation,
            String reason,
            Instant recordedAt,
            String recordedBy) {}

    public enum FlagFactKind {
        FLAGGED,
        CORRECTED,
        RETRACTED
    }

    public record EventRow(String eventId, String kind, String title, Citation citation, Instant recordedAt) {}

    /** The first account version of an event in occurred order, for paging a timeline. */
    public record TimelineKey(Instant occurredStart, String eventId) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;

    private final SourceRows sourceRows;

    AccountRows(NamedParameterJdbcTemplate jdbc, ObjectMapper json, SourceRows sources) {
        this.jdbc = jdbc;
        this.json = json;
        this.sourceRows = sources;
    }

    /** The facts and sources that account versions are made of. */
    public record Material(Map<Long, FactRow> facts, Map<String, SourceRow> sources) {}

    /**
     * The next events of a narrative's timeline in occurred order: each event once, at the earliest occurred start
     * among its accounts in force; events with no occurred time last.
     */
    public List<TimelineKey> timelineKeys(
            AccountSelection lens,
            ReadWindow window,
            TimelineKey after,
            Instant occurredFrom,
            Instant occurredTo,
            int limit) {
        MapSqlParameterSource parameters = window.parameters().addValue("limit", limit);
        StringBuilder bounds = new StringBuilder();
        if (after != null) {
            bounds.append(" AND (v.occurred_start, v.event_id) > (:afterStart, :afterEvent)");
            parameters.addValue("afterStart", ReadModelSql.utc(after.occurredStart()));
            parameters.addValue("afterEvent", after.eventId());
        }
        if (occurredFrom != null) {
            bounds.append(" AND v.occurred_start >= :occurredFrom");
            parameters.addValue("occurredFrom", ReadModelSql.utc(occurredFrom));
        }
        if (occurredTo != null) {
            bounds.append(" AND v.occurred_start < :occurredTo");
            parameters.addValue("occurredTo", ReadModelSql.utc(occurredTo));
        }
        if (lens.selective()) {
            // A narrative's own accounts are few: fetch them through the source, outlet and account indexes, then
            // order them. Walking the occurred-order index instead would pass every other narrative's accounts.
            return jdbc.query(
                    "WITH selected AS MATERIALIZED (SELECT v.occurred_start, v.event_id FROM account_version v WHERE"
                            + IN_FORCE.formatted("v") + " AND " + lens.accountCondition("v", "a", parameters) + ")"
                            + " SELECT DISTINCT v.occurred_start, v.event_id FROM selected v WHERE TRUE" + bounds
                            + " AND NOT EXISTS (SELECT 1 FROM selected w WHERE w.event_id = v.event_id"
                            + " AND w.occurred_start < v.occurred_start)"
                            + " ORDER BY v.occurred_start, v.event_id LIMIT :limit",
                    parameters,
                    (row, n) -> new TimelineKey(ReadModelSql.instant(row, 1), row.getString(2)));
        }
        String selectedV = lens.accountCondition("v", "a", parameters);
        String selectedW = lens.accountCondition("w", "a", parameters);
        return jdbc.query(
                "SELECT DISTINCT v.occurred_start, v.event_id FROM account_version v WHERE"
                        + IN_FORCE.formatted("v") + " AND " + selectedV + bounds
                        + " AND NOT EXISTS (SELECT 1 FROM account_version w WHERE w.event_id = v.event_id"
                        + " AND w.occurred_start < v.occurred_start AND" + IN_FORCE.formatted("w") + " AND "
                        + selectedW + ")"
                        + " ORDER BY v.occurred_start, v.event_id LIMIT :limit",
                parameters,
                (row, n) -> new TimelineKey(ReadModelSql.instant(row, 1), row.getString(2)));
    }

    /** The account versions of these events that are in force and selected. */
    public List<VersionRow> inForce(AccountSelection lens, ReadWindow window, Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return List.of();
        }
        MapSqlParameterSource parameters = window.parameters().addValue("events", eventIds);
        return jdbc.query(
                "SELECT " + VERSION_COLUMNS + " FROM account_version v WHERE v.event_id IN (:events) AND"
                        + IN_FORCE.formatted("v") + " AND " + lens.accountCondition("v", "a", parameters)
                        + " ORDER BY v.event_id, v.account_id",
                parameters,
                this::version);
    }

    /** Every selected account version in force, optionally only of events occurring in a window. */
    public List<VersionRow> inForce(AccountSelection lens, ReadWindow window) {
        MapSqlParameterSource parameters = window.parameters();
        return jdbc.query(
                "SELECT " + VERSION_COLUMNS + " FROM account_version v WHERE" + IN_FORCE.formatted("v") + " AND "
                        + lens.accountCondition("v", "a", parameters) + " ORDER BY v.event_id, v.account_id",
                parameters,
                this::version);
    }

    /** Every selected account version, retracted or not, that is in force at some reported time in (from, to]. */
    public List<VersionRow> inForceBetween(AccountSelection lens, TimeBound recordedAsOf, Instant from, Instant to) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("from", ReadModelSql.utc(from))
                .addValue("to", ReadModelSql.utc(to))
                .addValue("recordedAsOf", ReadModelSql.utc(recordedAsOf.until()));
        return jdbc.query(
                "SELECT " + VERSION_COLUMNS + " FROM account_version v WHERE v.reported_from <= :to"
                        + " AND v.reported_to > :from AND v.recorded_from <= :recordedAsOf"
                        + " AND v.recorded_to > :recordedAsOf AND " + lens.accountCondition("v", "a", parameters)
                        + " ORDER BY v.event_id, v.account_id, v.reported_from",
                parameters,
                this::version);
    }

    /** Every account version of one event in force at (asOf, recordedAsOf), whatever narrative selects it. */
    public List<VersionRow> inForce(String eventId, ReadWindow window) {
        return jdbc.query(
                "SELECT " + VERSION_COLUMNS + " FROM account_version v WHERE v.event_id = :event AND"
                        + IN_FORCE.formatted("v") + " ORDER BY v.account_id",
                window.parameters().addValue("event", eventId),
                this::version);
    }

    /** Every account version of these events in force at (asOf, recordedAsOf), whatever narrative selects it. */
    public List<VersionRow> inForceOfEvents(Collection<String> eventIds, ReadWindow window) {
        return jdbc.query(
                "SELECT " + VERSION_COLUMNS + " FROM account_version v WHERE v.event_id IN (:events) AND"
                        + IN_FORCE.formatted("v") + " ORDER BY v.event_id, v.account_id",
                window.parameters().addValue("events", eventIds),
                this::version);
    }

    /** The editorial flag facts of these events recorded by {@code until}, in ledger order. */
    public List<FlagFactRow> flagFacts(Collection<String> eventIds, Instant until) {
        if (eventIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query(
                "SELECT ledger_sequence, fact_kind, fact_id, flag_id, account_id, event_id, citation, reason,"
                        + " recorded_at, recorded_by FROM read_flag_fact WHERE event_id IN (:events)"
                        + " AND recorded_at <= :until ORDER BY ledger_sequence",
                new MapSqlParameterSource("events", eventIds).addValue("until", ReadModelSql.utc(until)),
                (row, n) -> new FlagFactRow(
                        row.getLong(1),
                        FlagFactKind.valueOf(row.getString(2)),
                        row.getString(3),
                        row.getString(4),
                        row.getString(5),
                        row.getString(6),
                        ReadModelSql.read(json, row.getString(7), Citation.class),
                        row.getString(8),
                        ReadModelSql.instant(row, 9),
                        row.getString(10)));
    }

    /** Links asserted by one account that count at (asOf, recordedAsOf). */
    public List<LinkRow> linksAssertedBy(String accountId, ReadWindow window) {
        return jdbc.query(
                "SELECT " + LINK_COLUMNS + " FROM read_link l WHERE l.account_id = :account AND" + LINK_IN_FORCE
                        + " ORDER BY l.ledger_sequence",
                window.parameters().addValue("account", accountId),
                this::link);
    }

    /** The facts and sources that account versions are made of. */
    public Material material(List<VersionRow> versions) {
        TreeSet<Long> sequences = new TreeSet<>();
        TreeSet<String> sourceIds = new TreeSet<>();
        versions.forEach(version -> {
            sequences.addAll(version.applied());
            sourceIds.add(version.sourceId());
        });
        return new Material(facts(sequences), sourceRows.sources(sourceIds));
    }

    public Map<Long, FactRow> facts(Collection<Long> sequences) {
        Map<Long, FactRow> facts = new HashMap<>();
        if (sequences.isEmpty()) {
            return facts;
        }
        jdbc.query(
                        "SELECT " + FACT_COLUMNS + " FROM read_account_fact f WHERE f.ledger_sequence IN (:sequences)",
                        new MapSqlParameterSource("sequences", sequences),
                        this::fact)
                .forEach(fact -> facts.put(fact.sequence(), fact));
        return facts;
    }

    /** Every account, correction and retraction of one event that counts at (asOf, recordedAsOf). */
    public List<FactRow> factsOfEvent(String eventId, ReadWindow window) {
        return jdbc.query(
                "SELECT " + FACT_COLUMNS + " FROM read_account_fact f WHERE f.event_id = :event"
                        + " AND f.counts_from <= :asOf AND f.recorded_at <= :recordedAsOf ORDER BY f.ledger_sequence",
                window.parameters().addValue("event", eventId),
                this::fact);
    }

    /** The accounts a source supports, in force at (asOf, recordedAsOf) or retracted by then. */
    public List<VersionRow> versionsOfSource(String sourceId, ReadWindow window) {
        return jdbc.query(
                "SELECT " + VERSION_COLUMNS + " FROM account_version v WHERE v.source_id = :source"
                        + " AND v.reported_from <= :asOf AND v.reported_to > :asOf"
                        + " AND v.recorded_from <= :recordedAsOf AND v.recorded_to > :recordedAsOf"
                        + " ORDER BY v.event_id, v.account_id",
                window.parameters().addValue("source", sourceId),
                this::version);
    }

    /** Selected links in force that start or end at one of these events. */
    public List<LinkRow> linksTouching(AccountSelection lens, ReadWindow window, Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return List.of();
        }
        MapSqlParameterSource parameters = window.parameters().addValue("events", eventIds);
        return jdbc.query(
                "SELECT " + LINK_COLUMNS + " FROM read_link l WHERE (l.event_id IN (:events)"
                        + " OR l.target_event_id IN (:events)) AND" + LINK_IN_FORCE + " AND "
                        + lens.linkCondition("l", "a", parameters) + " ORDER BY l.ledger_sequence",
                parameters,
                this::link);
    }

    /** Every selected link in force. */
    public List<LinkRow> links(AccountSelection lens, ReadWindow window) {
        MapSqlParameterSource parameters = window.parameters();
        return jdbc.query(
                "SELECT " + LINK_COLUMNS + " FROM read_link l WHERE" + LINK_IN_FORCE + " AND "
                        + lens.linkCondition("l", "a", parameters) + " ORDER BY l.ledger_sequence",
                parameters,
                this::link);
    }

    /** Every selected link that counts by {@code until}, whether or not retracted since. */
    public List<LinkRow> linksUntil(AccountSelection lens, TimeBound recordedAsOf, Instant until) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("until", ReadModelSql.utc(until))
                .addValue("recordedAsOf", ReadModelSql.utc(recordedAsOf.until()));
        return jdbc.query(
                "SELECT " + LINK_COLUMNS + " FROM read_link l WHERE l.counts_from <= :until"
                        + " AND l.recorded_at <= :recordedAsOf AND " + lens.linkCondition("l", "a", parameters)
                        + " ORDER BY l.ledger_sequence",
                parameters,
                this::link);
    }

    /** Links about one event that count at (asOf, recordedAsOf), retracted or not. */
    public List<LinkRow> linksOfEvent(String eventId, ReadWindow window) {
        return jdbc.query(
                "SELECT " + LINK_COLUMNS + " FROM read_link l WHERE (l.event_id = :event OR l.target_event_id = :event)"
                        + " AND l.counts_from <= :asOf AND l.recorded_at <= :recordedAsOf ORDER BY l.ledger_sequence",
                window.parameters().addValue("event", eventId),
                this::link);
    }

    /** When each of these accounts' retraction counts, for those retracted by recordedAsOf. */
    public Map<String, FactRow> retractions(Collection<String> accountIds, TimeBound recordedAsOf) {
        Map<String, FactRow> retractions = new HashMap<>();
        if (accountIds.isEmpty()) {
            return retractions;
        }
        jdbc.query(
                        "SELECT " + FACT_COLUMNS + " FROM read_account_fact f WHERE f.account_id IN (:accounts)"
                                + " AND f.fact_kind = 'RETRACTED' AND f.recorded_at <= :recordedAsOf",
                        new MapSqlParameterSource("accounts", accountIds)
                                .addValue("recordedAsOf", ReadModelSql.utc(recordedAsOf.until())),
                        this::fact)
                .forEach(fact -> retractions.put(fact.accountId(), fact));
        return retractions;
    }

    public Map<String, EventRow> events(Collection<String> eventIds) {
        Map<String, EventRow> events = new HashMap<>();
        if (eventIds.isEmpty()) {
            return events;
        }
        jdbc.query(
                        "SELECT event_id, kind, title, citation, recorded_at FROM read_event WHERE event_id IN (:events)",
                        new MapSqlParameterSource("events", eventIds),
                        (row, n) -> new EventRow(
                                row.getString(1),
                                row.getString(2),
                                row.getString(3),
                                ReadModelSql.read(json, row.getString(4), Citation.class),
                                ReadModelSql.instant(row, 5)))
                .forEach(event -> events.put(event.eventId(), event));
        return events;
    }

    private VersionRow version(ResultSet row, int n) throws SQLException {
        return new VersionRow(
                row.getString(1),
                row.getString(2),
                row.getString(3),
                ReadModelSql.instant(row, 4),
                ReadModelSql.instant(row, 5),
                ReadModelSql.instant(row, 6),
                ReadModelSql.instant(row, 7),
                row.getBoolean(8),
                ReadModelSql.longs(row.getArray(9)),
                ReadModelSql.longs(row.getArray(10)),
                ReadModelSql.read(json, row.getString(11), new TypeReference<List<Anomaly>>() {}),
                row.getString(12));
    }

    private FactRow fact(ResultSet row, int n) throws SQLException {
        String claims = row.getString(8);
        return new FactRow(
                row.getLong(1),
                AccountFact.Kind.valueOf(row.getString(2)),
                row.getString(3),
                row.getString(4),
                row.getString(5),
                row.getString(6),
                ReadModelSql.read(json, row.getString(7), Citation.class),
                claims == null ? null : ReadModelSql.read(json, claims, AccountClaims.class),
                row.getString(9),
                ReadModelSql.instant(row, 10),
                row.getString(11),
                ReadModelSql.instant(row, 12),
                row.getString(13));
    }

    private LinkRow link(ResultSet row, int n) throws SQLException {
        return new LinkRow(
                row.getString(1),
                row.getString(2),
                row.getString(3),
                LinkRelation.valueOf(row.getString(4)),
                row.getString(5),
                row.getString(6),
                ReadModelSql.read(json, row.getString(7), Citation.class),
                ReadModelSql.instant(row, 8),
                row.getString(9),
                ReadModelSql.instant(row, 10),
                row.getString(11),
                row.getLong(12),
                row.getString(13));
    }
}
