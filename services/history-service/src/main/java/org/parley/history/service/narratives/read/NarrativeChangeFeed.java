package org.parley.history.service.narratives.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.parley.history.contract.change.NarrativeChanged;
import org.parley.history.service.readmodel.TimeBound;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The narrative changes in the order they were found, for clients that poll instead of subscribing to the
 * narrative stream; each entry carries its place in the feed, to pass back as {@code after}.
 */
@Service
public class NarrativeChangeFeed {

    public static final int MAX_LIMIT = 1000;

    public record FeedEntry(long position, NarrativeChanged change) {}

    public record NarrativeChangePage(String narrativeId, List<FeedEntry> changes, Long nextPage) {}

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    NarrativeChangeFeed(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Marks a change the narrative stream could not carry (Kafka refused it as a record): the stream goes on without
     * it, and the feed keeps saying why.
     */
    public void markRefused(long position, String error) {
        jdbc.update("UPDATE narrative_change SET parked_error = ? WHERE id = ?", error, position);
    }

    /** The feed position of a narrative's latest change, 0 when it has none: where a live view starts listening. */
    public long head(String narrativeId) {
        Long head = jdbc.queryForObject(
                "SELECT coalesce(max(id), 0) FROM narrative_change WHERE narrative_id = ?", Long.class, narrativeId);
        return head == null ? 0 : head;
    }

    /** Changes after a feed position; for every narrative when the id is {@code null}. */
    public NarrativeChangePage after(String narrativeId, long after, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw TimeBound.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (after < 0) {
            throw TimeBound.invalid("after", "must be 0 or more");
        }
        List<FeedEntry> changes = narrativeId == null
                ? jdbc.query(
                        "SELECT id, payload FROM narrative_change WHERE id > ? ORDER BY id LIMIT ?",
                        (row, n) -> new FeedEntry(row.getLong(1), read(row.getString(2))),
                        after,
                        limit)
                : jdbc.query(
                        "SELECT id, payload FROM narrative_change WHERE narrative_id = ? AND id > ? ORDER BY id LIMIT ?",
                        (row, n) -> new FeedEntry(row.getLong(1), read(row.getString(2))),
                        narrativeId,
                        after,
                        limit);
        Long next = changes.size() == limit ? changes.get(changes.size() - 1).position() : null;
        return new NarrativeChangePage(narrativeId, changes, next);
    }

    private NarrativeChanged read(String payload) {
        try {
            return json.readValue(payload, NarrativeChanged.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a narrative change", e);
        }
    }
}
