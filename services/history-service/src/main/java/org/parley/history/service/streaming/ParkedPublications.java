package org.parley.history.service.streaming;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code parked_publication} table: events Kafka refused as records, kept for an operator. */
@Component
class ParkedPublications {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ParkedPublications(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    /** Parks an event; parking it again (a batch retried after a crash) only updates the reason. */
    void park(LedgerRecord record, long sequenceNumber, String topic, int attempts, String error) {
        jdbc.update(
                "INSERT INTO parked_publication (event_identifier, global_index, aggregate_identifier,"
                        + " sequence_number, event_type, topic, attempts, error, parked_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (event_identifier) DO UPDATE SET attempts = parked_publication.attempts"
                        + " + EXCLUDED.attempts, error = EXCLUDED.error, published_at = NULL",
                record.eventId(),
                record.globalIndex(),
                record.aggregateId(),
                sequenceNumber,
                record.type(),
                topic,
                attempts,
                error,
                Timestamp.from(clock.instant()));
    }

    List<ParkedPublication> all(boolean includePublished) {
        return jdbc.query(
                "SELECT id, event_identifier, global_index, aggregate_identifier, sequence_number, event_type, topic,"
                        + " attempts, error, parked_at, published_at FROM parked_publication"
                        + (includePublished ? "" : " WHERE published_at IS NULL")
                        + " ORDER BY global_index",
                ParkedPublications::row);
    }

    void published(String eventId) {
        jdbc.update(
                "UPDATE parked_publication SET published_at = ? WHERE event_identifier = ?",
                Timestamp.from(clock.instant()),
                eventId);
    }

    void failedAgain(String eventId, String error) {
        jdbc.update(
                "UPDATE parked_publication SET attempts = attempts + 1, error = ? WHERE event_identifier = ?",
                error,
                eventId);
    }

    private static ParkedPublication row(ResultSet row, int number) throws SQLException {
        Timestamp published = row.getTimestamp(11);
        return new ParkedPublication(
                row.getString(2),
                row.getLong(3),
                row.getString(4),
                row.getLong(5),
                row.getString(6),
                row.getString(7),
                row.getInt(8),
                row.getString(9),
                row.getTimestamp(10).toInstant(),
                published == null ? null : published.toInstant());
    }
}
