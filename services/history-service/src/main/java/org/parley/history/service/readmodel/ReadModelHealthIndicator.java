package org.parley.history.service.readmodel;

import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code readModel} component of {@code /actuator/health}: {@code DEGRADED} while the read model lacks ledger
 * events it parked, or its processor is retrying after an error, so that a read model that answers with gaps is not
 * reported UP. {@code DEGRADED} answers HTTP 200 (see application.properties): Parley still answers, marking what may
 * be affected, and taking every instance out of a load balancer (they share the read model) would help no one. It is
 * in neither the liveness nor the readiness group.
 */
@Component
class ReadModelHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "the read model lacks ledger events it could not apply");

    private static final int SHOWN = 20;

    private final ParkedReadModelEvents parked;
    private final EventProcessingConfiguration processing;

    ReadModelHealthIndicator(ParkedReadModelEvents parked, EventProcessingConfiguration processing) {
        this.parked = parked;
        this.processing = processing;
    }

    @Override
    public Health health() {
        List<Long> positions = parked.positions();
        String processorError = processorError();
        if (positions.isEmpty() && processorError == null) {
            return Health.up().withDetail("parked", 0).build();
        }
        Health.Builder health = Health.status(DEGRADED).withDetail("parked", positions.size());
        if (!positions.isEmpty()) {
            health.withDetail("parkedSequences", positions.subList(0, Math.min(SHOWN, positions.size())))
                    .withDetail("operator", "GET /api/read-model/parked, then POST its retry once the cause is fixed");
        }
        if (processorError != null) {
            health.withDetail("processor", "retrying after an error: " + processorError);
        }
        return health.build();
    }

    private String processorError() {
        Map<Integer, EventTrackerStatus> segments = processing
                .eventProcessor(ReadModelBatches.PROCESSING_GROUP, TrackingEventProcessor.class)
                .map(TrackingEventProcessor::processingStatus)
                .orElse(Map.of());
        return segments.values().stream()
                .filter(EventTrackerStatus::isErrorState)
                .map(status -> ReadModelFailures.describe(status.getError()))
                .findFirst()
                .orElse(null);
    }
}
