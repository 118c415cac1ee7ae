package org.parley.history.service.readmodel;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The read model's batches: every projection of the processing group {@value #PROCESSING_GROUP} asks here for the
 * batch of the ledger event it handles, so that all of them write in one transaction per batch. When the batch
 * commits, its writes go out, each feature ends its part, and the read model's position moves past the batch.
 */
@Component
public class ReadModelBatches {

    /** The one tracking processor every read-model projection belongs to: one transaction per batch for all. */
    public static final String PROCESSING_GROUP = "read-model";

    private static final Logger log = LoggerFactory.getLogger(ReadModelBatches.class);
    private static final String RESOURCE = ReadModelBatches.class.getName() + ".batch";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ObjectProvider<RebuildableProjection> projections;
    private final Supplier<List<String>> tables;
    private volatile Instant lastProgressLog = Instant.EPOCH;

    ReadModelBatches(JdbcTemplate jdbc, Clock clock, ObjectProvider<RebuildableProjection> projections) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.projections = projections;
        // the projections depend on the batches: their tables are asked for only when a rebuild is done
        this.tables = () -> projections
                .orderedStream()
                .flatMap(projection -> projection.tables().stream())
                .toList();
    }

    /** The batch this ledger event belongs to, with the event filed under its global sequence. */
    public ReadModelBatch of(TrackedEventMessage<?> message) {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        ReadModelBatch batch = root.getOrComputeResource(RESOURCE, key -> {
            ReadModelBatch fresh = new ReadModelBatch(
                    new PendingWrites(jdbc),
                    "CURRENT"
                            .equals(jdbc.queryForObject(
                                    "SELECT state FROM read_model_state WHERE id = 1", String.class)));
            root.onPrepareCommit(unit -> {
                fresh.end();
                advance(fresh.position);
            });
            return fresh;
        });
        batch.position = Math.max(batch.position, position(message.trackingToken()));
        resolveSequence(batch, message);
        return batch;
    }

    /** The current batch's queued writes sent now, before a projection reads what they write. */
    public void flushCurrent() {
        current().ifPresent(batch -> batch.writes().flush());
    }

    /**
     * Ends the current batch's work so far as if the batch ended here: its writes sent, each feature's part ended.
     * {@link ReadModelIsolation} does this around an event it applies alone, so that what fails is that event's.
     */
    public void settle() {
        current().ifPresent(ReadModelBatch::settle);
    }

    /**
     * Forgets what the current batch holds since it last settled, and what the projections remember between
     * batches: the event that made it was undone (rolled back to before it), and none of it may reach the read model.
     */
    public void discard() {
        current().ifPresent(ReadModelBatch::discard);
        forget();
    }

    /** The projections forget what they remember between batches; they read it back from their tables. */
    public void forget() {
        projections.orderedStream().forEach(RebuildableProjection::forget);
    }

    private Optional<ReadModelBatch> current() {
        if (!CurrentUnitOfWork.isStarted()) {
            return Optional.empty();
        }
        return Optional.ofNullable(CurrentUnitOfWork.get().root().getResource(RESOURCE));
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
                ReadModelSql.utc(now),
                position);
        if (state.isEmpty()) {
            return;
        }
        Map<String, Object> row = state.get(0);
        Instant finished = row.get("finished_at") instanceof java.sql.Timestamp at ? at.toInstant() : null;
        boolean justFinished = ReadModelSql.micros(now).equals(finished);
        boolean rebuilding = "REBUILDING".equals(row.get("state"));
        if (justFinished) {
            // The tables were refilled from nothing: the planner's statistics must say so before questions come.
            jdbc.execute("ANALYZE " + String.join(", ", tables.get()));
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
    private void resolveSequence(ReadModelBatch batch, TrackedEventMessage<?> message) {
        if (batch.knows(message.getIdentifier())) {
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
        batch.file(message.getIdentifier(), sequence);
    }
}
