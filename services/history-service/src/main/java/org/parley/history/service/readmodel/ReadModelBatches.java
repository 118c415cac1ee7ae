package org.parley.history.service.readmodel;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** Well inside the claim a tracking processor holds on its token (Axon's default: 10 s). */
    private static final Duration MAX_PACING_PER_BATCH = Duration.ofSeconds(4);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ObjectProvider<RebuildableProjection> projections;
    private final ReadModelVersions versions;
    private volatile Instant lastProgressLog = Instant.EPOCH;
    private volatile Pace pace;

    /** Where this process met the rebuild that started at {@code rebuild}: when, and at what position. */
    private record Pace(Instant rebuild, Instant at, long position) {}

    ReadModelBatches(
            JdbcTemplate jdbc,
            Clock clock,
            ObjectProvider<RebuildableProjection> projections,
            ReadModelVersions versions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.projections = projections;
        this.versions = versions;
    }

    /** The batch this ledger event belongs to, with the event filed under its global sequence. */
    public ReadModelBatch of(TrackedEventMessage<?> message) {
        ReadModelBatch batch = begin();
        batch.position = Math.max(batch.position, position(message.trackingToken()));
        resolveSequence(batch, message);
        if (!batch.newsworthy()) {
            pace(batch);
        }
        return batch;
    }

    /**
     * The current unit of work's batch, begun when first asked: the version it writes (the one being built, else
     * the answering one) entered for the whole transaction. {@link ReadModelIsolation} asks before an event's
     * savepoint, whose rollback would take the version back out.
     */
    ReadModelBatch begin() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(RESOURCE, key -> {
            Map<String, Object> state = jdbc.queryForMap("SELECT state, version, building_version, started_at,"
                    + " max_events_per_second, position FROM read_model_state WHERE id = 1");
            Integer building = number(state.get("building_version"));
            Integer answering = number(state.get("version"));
            int writes = building != null ? building : answering;
            versions.enter(writes);
            ReadModelBatch fresh = new ReadModelBatch(new PendingWrites(jdbc, building != null), building == null);
            fresh.startedAt = ((Timestamp) state.get("started_at")).toInstant();
            fresh.maxEventsPerSecond = number(state.get("max_events_per_second"));
            if (building != null && (pace == null || !pace.rebuild().equals(fresh.startedAt))) {
                // paced from where this process met the rebuild: one that resumes after a restart keeps its cap
                pace = new Pace(fresh.startedAt, clock.instant(), ((Number) state.get("position")).longValue());
            }
            root.onPrepareCommit(unit -> {
                fresh.end();
                advance(fresh, unit);
            });
            return fresh;
        });
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

    /**
     * Moves the read model's position past the batch; when the batch brings the version being built up to the
     * ledger's head as it stood at the rebuild's start, that version takes over in this same transaction.
     */
    private void advance(ReadModelBatch batch, UnitOfWork<?> unit) {
        Instant now = clock.instant();
        List<Map<String, Object>> state = jdbc.queryForList(
                "UPDATE read_model_state SET position = greatest(position, ?) WHERE id = 1"
                        + " RETURNING state, reason, position, target_position, started_at, version, building_version",
                batch.position);
        if (state.isEmpty()) {
            return;
        }
        Map<String, Object> row = state.get(0);
        Integer building = number(row.get("building_version"));
        if (building == null) {
            return;
        }
        long position = ((Number) row.get("position")).longValue();
        long target = ((Number) row.get("target_position")).longValue();
        Instant started = ((Timestamp) row.get("started_at")).toInstant();
        Integer answering = number(row.get("version"));
        boolean done = position >= target;
        if (done) {
            versions.takeOver(building, answering);
            jdbc.update(
                    "UPDATE read_model_state SET state = 'CURRENT', version = building_version,"
                            + " building_version = NULL, finished_at = ? WHERE id = 1",
                    ReadModelSql.utc(now));
            unit.afterCommit(committed -> versions.dropRetired());
        }
        if (done || now.isAfter(lastProgressLog.plusSeconds(5))) {
            lastProgressLog = now;
            ReadModelStatus status = ReadModelStatus.of(
                    done ? "CURRENT" : "REBUILDING",
                    (String) row.get("reason"),
                    position,
                    target,
                    started,
                    done ? now : null,
                    now,
                    0,
                    done ? building : answering,
                    done ? null : building);
            if (done) {
                log.info(
                        "Read model rebuild done, version {} answers (version {} is dropped): {}",
                        building,
                        answering,
                        status.describe());
            } else {
                log.info("Read model rebuilding version {}: {}", building, status.describe());
            }
        }
    }

    /**
     * Holds a rebuild to the rate an operator capped it at, so that it leaves the database room for the questions
     * and writes; the wait falls inside the batch, whose writes no question sees before the version takes over.
     */
    private void pace(ReadModelBatch batch) {
        if (batch.maxEventsPerSecond == null || batch.maxEventsPerSecond <= 0) {
            return;
        }
        Pace from = pace;
        if (from == null) {
            return;
        }
        Instant due = from.at().plusMillis((batch.position - from.position()) * 1000 / batch.maxEventsPerSecond);
        // A batch holds the processor's claim without renewing it: one kept longer than the claim lasts could be
        // taken over by another instance, which would then build the same batch.
        long wait = Math.min(
                Duration.between(clock.instant(), due).toMillis(), MAX_PACING_PER_BATCH.toMillis() - batch.pacedMillis);
        if (wait > 0) {
            batch.pacedMillis += wait;
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Integer number(Object value) {
        return value == null ? null : ((Number) value).intValue();
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
