package org.parley.history.service.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.parley.history.service.ledger.LegacyEventTypes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The ledger exactly as stored: every event with its global sequence, aggregate, sequence number, recorded time,
 * metadata and payload. For audit and for checking what a write stored; the analyst's questions are the read
 * side's.
 */
@Component
public class LedgerEntries {

    /**
     * One stored event. {@code type} is the event's stable name and {@code revision} the revision its payload was
     * stored at (the payload is shown as stored, not upcast); both are listed in docs/EVENTS.md.
     */
    public record LedgerEntry(
            long globalSequence,
            String aggregateId,
            long aggregateVersion,
            String aggregateType,
            String eventId,
            String type,
            int revision,
            String recordedAt,
            JsonNode metadata,
            JsonNode payload) {}

    private final JdbcTemplate jdbc;
    private final ObjectMapper objectMapper;

    LedgerEntries(JdbcTemplate jdbc, ObjectMapper objectMapper) {
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
    }

    /** Events after the global sequence {@code after}, oldest first, optionally of one aggregate. */
    public List<LedgerEntry> after(long after, String aggregateId, int limit) {
        List<Object> arguments = new ArrayList<>(List.of(after));
        String filter = "";
        if (aggregateId != null) {
            filter = " AND aggregate_identifier = ?";
            arguments.add(aggregateId);
        }
        arguments.add(limit);
        return jdbc.query(
                "SELECT global_index, aggregate_identifier, sequence_number, type, event_identifier,"
                        + " payload_type, time_stamp, meta_data, payload, payload_revision FROM domain_event_entry"
                        + " WHERE global_index > ?" + filter + " ORDER BY global_index LIMIT ?",
                this::entry,
                arguments.toArray());
    }

    private LedgerEntry entry(java.sql.ResultSet row, int number) throws java.sql.SQLException {
        return new LedgerEntry(
                row.getLong(1),
                row.getString(2),
                row.getLong(3),
                row.getString(4),
                row.getString(5),
                LegacyEventTypes.stableName(row.getString(6)),
                LegacyEventTypes.revision(row.getString(10)),
                row.getString(7),
                json(row.getBytes(8)),
                json(row.getBytes(9)));
    }

    /** What one principal recorded, oldest first, after the global sequence {@code after}. */
    public List<LedgerEntry> recordedBy(String principal, long after, int limit) {
        return jdbc.query(
                "SELECT global_index, aggregate_identifier, sequence_number, type, event_identifier,"
                        + " payload_type, time_stamp, meta_data, payload, payload_revision FROM domain_event_entry"
                        + " WHERE global_index > ? AND convert_from(meta_data, 'UTF8')::jsonb ->> 'recordedBy' = ?"
                        + " ORDER BY global_index LIMIT ?",
                this::entry,
                after,
                principal,
                limit);
    }

    public long count() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }

    private JsonNode json(byte[] bytes) {
        try {
            return bytes == null ? null : objectMapper.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
