package org.parley.history.service.readmodel;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code read_model_parked} table: ledger events the read model could not apply, kept for an operator. */
@Component
class ParkedReadModelEvents {

    private static final String COLUMNS = "event_identifier, global_index, aggregate_identifier, sequence_number,"
            + " event_type, recorded_at, attempts, error, parked_at, last_attempt_at, applied_at";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ParkedReadModelEvents(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Parks an event, in the transaction of the batch that met it; parking it again (a rebuild meets it, or a fix
     * was undone) counts the attempt and keeps the newest error.
     */
    long park(EventMessage<?> event, String error) {
        OffsetDateTime now = ReadModelSql.utc(clock.instant());
        DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> message ? message : null;
        return jdbc.queryForObject(
                "INSERT INTO read_model_parked (event_identifier, global_index, aggregate_identifier, sequence_number,"
                        + " event_type, recorded_at, attempts, error, parked_at, last_attempt_at)"
                        + " SELECT ?, global_index, ?, ?, ?, ?, 1, ?, ?, ? FROM domain_event_entry"
                        + " WHERE event_identifier = ?"
                        + " ON CONFLICT (event_identifier) DO UPDATE SET attempts = read_model_parked.attempts + 1,"
                        + " error = EXCLUDED.error, last_attempt_at = EXCLUDED.last_attempt_at, applied_at = NULL"
                        + " RETURNING global_index",
                Long.class,
                event.getIdentifier(),
                domain == null ? null : domain.getAggregateIdentifier(),
                domain == null ? null : domain.getSequenceNumber(),
                event.getPayloadType().getSimpleName(),
                ReadModelSql.utc(event.getTimestamp()),
                error,
                now,
                now,
                event.getIdentifier());
    }

    List<ParkedReadModelEvent> all(boolean includeApplied) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM read_model_parked" + (includeApplied ? "" : " WHERE applied_at IS NULL")
                        + " ORDER BY global_index",
                ParkedReadModelEvents::row);
    }

    /** The event parked at this place in the ledger and not applied since, locked until the transaction ends. */
    Optional<ParkedReadModelEvent> lockUnapplied(long globalSequence) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM read_model_parked WHERE global_index = ? AND applied_at IS NULL"
                                + " FOR UPDATE",
                        ParkedReadModelEvents::row,
                        globalSequence)
                .stream()
                .findFirst();
    }

    Optional<ParkedReadModelEvent> unapplied(long globalSequence) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM read_model_parked WHERE global_index = ? AND applied_at IS NULL",
                        ParkedReadModelEvents::row,
                        globalSequence)
                .stream()
                .findFirst();
    }

    /** Where the unapplied events stand in the ledger, in ledger order: what answers may lack. */
    List<Long> positions() {
        return jdbc.queryForList(
                "SELECT global_index FROM read_model_parked WHERE applied_at IS NULL ORDER BY global_index",
                Long.class);
    }

    /** The aggregates with an unapplied parked event, each with the first one's place in the ledger. */
    Map<String, Long> aggregates() {
        Map<String, Long> aggregates = new HashMap<>();
        jdbc.query(
                "SELECT aggregate_identifier, min(global_index) FROM read_model_parked WHERE applied_at IS NULL"
                        + " AND aggregate_identifier IS NOT NULL GROUP BY aggregate_identifier",
                row -> {
                    aggregates.put(row.getString(1), row.getLong(2));
                });
        return aggregates;
    }

    /** The first unapplied parked event of this aggregate before this place, if any: it must be applied first. */
    Optional<Long> earlierOfAggregate(String aggregateId, long globalSequence) {
        return Optional.ofNullable(jdbc.queryForObject(
                "SELECT min(global_index) FROM read_model_parked WHERE applied_at IS NULL"
                        + " AND aggregate_identifier = ? AND global_index < ?",
                Long.class,
                aggregateId,
                globalSequence));
    }

    long count() {
        return jdbc.queryForObject("SELECT count(*) FROM read_model_parked WHERE applied_at IS NULL", Long.class);
    }

    /** For the gauge, which must not fail a scrape while the database is away. */
    double countOrNaN() {
        try {
            return count();
        } catch (RuntimeException unavailable) {
            return Double.NaN;
        }
    }

    /** A rebuild replays the whole ledger: it meets again, and parks again, whatever is still parked. */
    void forgetUnapplied() {
        jdbc.update("DELETE FROM read_model_parked WHERE applied_at IS NULL");
    }

    void applied(String eventId) {
        OffsetDateTime now = ReadModelSql.utc(clock.instant());
        jdbc.update(
                "UPDATE read_model_parked SET attempts = attempts + 1, last_attempt_at = ?, applied_at = ?"
                        + " WHERE event_identifier = ?",
                now,
                now,
                eventId);
    }

    void failedAgain(String eventId, String error) {
        jdbc.update(
                "UPDATE read_model_parked SET attempts = attempts + 1, error = ?, last_attempt_at = ?"
                        + " WHERE event_identifier = ?",
                error,
                ReadModelSql.utc(clock.instant()),
                eventId);
    }

    private static ParkedReadModelEvent row(ResultSet row, int number) throws SQLException {
        OffsetDateTime applied = row.getObject(11, OffsetDateTime.class);
        long version = row.getLong(4);
        boolean hasVersion = !row.wasNull();
        return new ParkedReadModelEvent(
                row.getString(1),
                row.getLong(2),
                row.getString(3),
                hasVersion ? version : null,
                row.getString(5),
                row.getObject(6, OffsetDateTime.class).toInstant(),
                row.getInt(7),
                row.getString(8),
                row.getObject(9, OffsetDateTime.class).toInstant(),
                row.getObject(10, OffsetDateTime.class).toInstant(),
                applied == null ? null : applied.toInstant());
    }
}
