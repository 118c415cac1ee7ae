package org.parley.history.service.readmodel;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drops the read model and replays the whole ledger into it, and tells how far that has come. The tables are
 * emptied and the processor's position deleted in one transaction, so an instance that was projecting loses its
 * claim instead of writing into the fresh tables; the processor then starts from the ledger's first event.
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

    ReadModelRebuild(
            JdbcTemplate jdbc,
            TransactionTemplate transaction,
            EventProcessingConfiguration processing,
            List<RebuildableProjection> projections,
            Clock clock,
            ParkedReadModelEvents parked,
            ReadModelIsolation isolation) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.processing = processing;
        this.projections = projections;
        this.clock = clock;
        this.parked = parked;
        this.isolation = isolation;
    }

    public ReadModelStatus status() {
        return jdbc.queryForObject(
                "SELECT state, reason, position, target_position, started_at, finished_at,"
                        + " (SELECT count(*) FROM read_model_parked WHERE applied_at IS NULL) FROM read_model_state"
                        + " WHERE id = 1",
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
                        row.getLong(7)));
    }

    /** Refuses when the read model cannot answer yet. */
    public ReadModelStatus requireCurrent() {
        ReadModelStatus status = status();
        if (!status.answers()) {
            throw new ReadModelUnavailable(status);
        }
        return status;
    }

    public synchronized ReadModelStatus start(String reason) {
        ReadModelStatus before = status();
        if (!before.answers()) {
            throw new RebuildAlreadyRunning(before);
        }
        TrackingEventProcessor processor = processing
                .eventProcessor(ReadModelBatches.PROCESSING_GROUP, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("the read model's processor is not configured"));
        processor.shutDown();
        try {
            Instant now = clock.instant();
            transaction.executeWithoutResult(status -> {
                jdbc.queryForList(
                        "SELECT segment FROM token_entry WHERE processor_name = ? FOR UPDATE",
                        Integer.class,
                        ReadModelBatches.PROCESSING_GROUP);
                projections.forEach(RebuildableProjection::reset);
                jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", ReadModelBatches.PROCESSING_GROUP);
                parked.forgetUnapplied();
                jdbc.update(
                        "UPDATE read_model_state SET position = 0, target_position = t.head,"
                                + " state = CASE WHEN t.head = 0 THEN 'CURRENT' ELSE 'REBUILDING' END,"
                                + " started_at = ?, finished_at = CASE WHEN t.head = 0 THEN ? END, reason = ?"
                                + " FROM (SELECT coalesce(max(global_index), 0) AS head FROM domain_event_entry) t"
                                + " WHERE id = 1",
                        ReadModelSql.utc(now),
                        ReadModelSql.utc(now),
                        reason);
            });
            isolation.forgetSuspects();
        } finally {
            processor.start();
        }
        ReadModelStatus started = status();
        log.info("Read model rebuild started ({}): {}", reason, started.describe());
        return started;
    }
}
