package org.parley.history.service.readmodel;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds a new version of the read model from the whole ledger beside the answering one, and tells how far that has
 * come. The new version's empty tables are made, and the processor's position deleted, in one transaction that
 * also marks the new version as being built, so that an instance that was projecting loses its claim instead of
 * writing into the answering version; the processor then starts from the ledger's first event and writes the new
 * version, which takes over when it has caught up (see {@link ReadModelBatches}). The answering version answers
 * meanwhile, as it stood when the rebuild started. Everything a rebuild is lives in the database (its version, the
 * processor's position), so a service stopped in the middle, however abruptly, comes back answering from the old
 * version and goes on with the rebuild where its last batch ended; the row lock below keeps two instances from
 * starting two rebuilds, and the processor's claim keeps two from building the same version.
 */
@Service
public class ReadModelRebuild {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final EventProcessingConfiguration processing;
    private final List<RebuildableProjection> projections;
    private final Clock clock;
    private final ParkedReadModelEvents parked;
    private final ReadModelIsolation isolation;
    private final ReadModelVersions versions;

    ReadModelRebuild(
            JdbcTemplate jdbc,
            TransactionTemplate transaction,
            EventProcessingConfiguration processing,
            List<RebuildableProjection> projections,
            Clock clock,
            ParkedReadModelEvents parked,
            ReadModelIsolation isolation,
            ReadModelVersions versions) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.processing = processing;
        this.projections = projections;
        this.clock = clock;
        this.parked = parked;
        this.isolation = isolation;
        this.versions = versions;
    }

    public ReadModelStatus status() {
        return jdbc.queryForObject(
                "SELECT state, reason, position, target_position, started_at, finished_at,"
                        + " (SELECT count(*) FROM read_model_parked WHERE applied_at IS NULL), version,"
                        + " building_version FROM read_model_state WHERE id = 1",
                (row, n) -> ReadModelStatus.of(
                        row.getString(1),
                        row.getString(2),
                        row.getLong(3),
                        row.getLong(4),
                        row.getObject(5, OffsetDateTime.class).toInstant(),
                        row.getObject(6, OffsetDateTime.class) == null
                                ? null
                                : row.getObject(6, OffsetDateTime.class).toInstant(),
                        clock.instant(),
                        row.getLong(7),
                        row.getObject(8, Integer.class),
                        row.getObject(9, Integer.class)));
    }

    /** The version that answers questions; refuses only before a first build is done, when none does. */
    public int answeringVersion() {
        Integer version = jdbc.queryForObject("SELECT version FROM read_model_state WHERE id = 1", Integer.class);
        if (version == null) {
            throw new ReadModelUnavailable(status());
        }
        return version;
    }

    /** Refuses while a rebuild runs: what an operator's retry of a parked event applies goes to one version. */
    public ReadModelStatus requireNoRebuild() {
        ReadModelStatus status = status();
        if (status.buildingVersion() != null) {
            throw new ReadModelUnavailable(status);
        }
        return status;
    }

    public ReadModelStatus start(String reason) {
        return start(reason, null);
    }

    /** With {@code maxEventsPerSecond}, the rebuild holds itself to that rate (null for as fast as it goes). */
    public synchronized ReadModelStatus start(String reason, Integer maxEventsPerSecond) {
        ReadModelStatus before = status();
        if (!before.answers() || before.buildingVersion() != null) {
            throw new RebuildAlreadyRunning(before);
        }
        TrackingEventProcessor processor = processing
                .eventProcessor(ReadModelBatches.PROCESSING_GROUP, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("the read model's processor is not configured"));
        processor.shutDown();
        try {
            begin(reason, maxEventsPerSecond);
        } finally {
            processor.start();
        }
        ReadModelStatus started = status();
        log.info(
                "Read model rebuild started ({}): version {} is built while version {} answers; {}",
                reason,
                started.buildingVersion(),
                started.version(),
                started.describe());
        return started;
    }

    /**
     * What a rebuild's start does in the database, for a caller that holds the read model's processor still (as
     * {@link #start} does): the new version made, its building recorded, the processor's position gone.
     */
    public void begin(String reason, Integer maxEventsPerSecond) {
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            // another instance's start waits here, then finds the rebuild running
            Map<String, Object> state =
                    jdbc.queryForMap("SELECT version, building_version FROM read_model_state WHERE id = 1 FOR UPDATE");
            if (state.get("building_version") != null || state.get("version") == null) {
                throw new RebuildAlreadyRunning(status());
            }
            jdbc.queryForList(
                    "SELECT segment FROM token_entry WHERE processor_name = ? FOR UPDATE",
                    Integer.class,
                    ReadModelBatches.PROCESSING_GROUP);
            int answering = ((Number) state.get("version")).intValue();
            int next = Math.max(versions.highest(), answering) + 1;
            versions.make(next, answering);
            jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", ReadModelBatches.PROCESSING_GROUP);
            parked.forgetUnapplied();
            jdbc.update(
                    "UPDATE read_model_state SET position = 0, target_position = t.head, building_version = ?,"
                            + " state = 'REBUILDING', started_at = ?, finished_at = NULL, reason = ?,"
                            + " max_events_per_second = ?"
                            + " FROM (SELECT coalesce(max(global_index), 0) AS head FROM domain_event_entry) t"
                            + " WHERE id = 1",
                    next,
                    ReadModelSql.utc(now),
                    reason,
                    maxEventsPerSecond);
            projections.forEach(RebuildableProjection::forget);
            if (jdbc.queryForObject("SELECT target_position FROM read_model_state WHERE id = 1", Long.class) == 0) {
                // an empty ledger: no batch will come to end the rebuild, and there is nothing to build
                versions.takeOver(next, answering);
                jdbc.update(
                        "UPDATE read_model_state SET state = 'CURRENT', version = building_version,"
                                + " building_version = NULL, finished_at = ? WHERE id = 1",
                        ReadModelSql.utc(now));
            }
        });
        versions.dropRetired();
        isolation.forgetSuspects();
    }
}
