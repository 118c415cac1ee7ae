package org.parley.history.service.narratives.read;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.parley.history.contract.change.NarrativeChangeKind;
import org.parley.history.contract.event.NarrativeDefined;
import org.parley.history.contract.event.NarrativeRevised;
import org.parley.history.contract.value.NarrativeSelection;
import org.parley.history.service.readmodel.ReadModelBatch;
import org.parley.history.service.readmodel.ReadModelBatches;
import org.parley.history.service.readmodel.ReadModelSql;
import org.parley.history.service.readmodel.RebuildableProjection;
import org.parley.history.service.readmodel.ReportedTime;
import org.springframework.stereotype.Component;

/**
 * Writes {@code read_narrative_version}: each narrative's definition and revisions over recorded time, and, while
 * the read model follows the ledger, announces each definition and revision on the change feed.
 */
@Component
@ProcessingGroup(ReadModelBatches.PROCESSING_GROUP)
class NarrativeProjection implements RebuildableProjection {

    private final ObjectMapper json;
    private final ReadModelBatches batches;
    private final NarrativeChangeLog changes;

    NarrativeProjection(ObjectMapper json, ReadModelBatches batches, NarrativeChangeLog changes) {
        this.json = json;
        this.batches = batches;
        this.changes = changes;
    }

    @EventHandler
    void on(NarrativeDefined narrative, @Timestamp Instant recordedAt, TrackedEventMessage<?> message) {
        ReadModelBatch batch = batches.of(message);
        announce(batch, narrative.narrativeId(), NarrativeChangeKind.NARRATIVE_DEFINED, message, recordedAt);
        revise(
                batch,
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
        ReadModelBatch batch = batches.of(message);
        announce(batch, narrative.narrativeId(), NarrativeChangeKind.NARRATIVE_REVISED, message, recordedAt);
        revise(
                batch,
                message,
                narrative.narrativeId(),
                narrative.revisionId(),
                narrative.title(),
                narrative.description(),
                narrative.selection(),
                recordedAt);
    }

    private void announce(
            ReadModelBatch batch,
            String narrativeId,
            NarrativeChangeKind kind,
            TrackedEventMessage<?> message,
            Instant recordedAt) {
        if (batch.newsworthy()) {
            changes.narrativeChanged(
                    narrativeId, kind, batch.sequence(message.getIdentifier()), ReadModelSql.micros(recordedAt));
        }
    }

    private void revise(
            ReadModelBatch batch,
            TrackedEventMessage<?> message,
            String narrativeId,
            String revisionId,
            String title,
            String description,
            NarrativeSelection selection,
            Instant recordedAt) {
        OffsetDateTime recorded = ReadModelSql.utc(ReadModelSql.micros(recordedAt));
        batch.writes()
                .add(
                        "UPDATE read_narrative_version SET recorded_to = ? WHERE narrative_id = ? AND recorded_to = ?",
                        recorded,
                        narrativeId,
                        ReadModelSql.utc(ReportedTime.OPEN));
        batch.writes()
                .add(
                        "INSERT INTO read_narrative_version (narrative_id, revision_id, title, description, selection,"
                                + " recorded_from, recorded_to, ledger_sequence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        narrativeId,
                        revisionId,
                        title,
                        description,
                        ReadModelSql.write(json, selection),
                        recorded,
                        ReadModelSql.utc(ReportedTime.OPEN),
                        batch.sequence(message.getIdentifier()));
    }

    @Override
    public List<String> tables() {
        return List.of("read_narrative_version");
    }
}
