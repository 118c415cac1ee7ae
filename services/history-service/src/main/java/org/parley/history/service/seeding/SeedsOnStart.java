package org.parley.history.service.seeding;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Loads the seeds when the service is ready, if {@code parley.seeds.load-on-start} is true. Unset, it is false: a
 * production ledger is never given demonstration data unasked. The embedded default (module history-embedded) sets
 * it to true while its PostgreSQL runs, so that a newcomer sees a real, contested history at once.
 */
@Component
class SeedsOnStart {

    private static final Logger log = LoggerFactory.getLogger(SeedsOnStart.class);

    private final SeedLoader loader;
    private final Environment environment;

    SeedsOnStart(SeedLoader loader, Environment environment) {
        this.loader = loader;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadSeeds() {
        if (!environment.getProperty("parley.seeds.load-on-start", Boolean.class, false)) {
            return;
        }
        SeedLoader.SeedReport report;
        try {
            report = loader.load();
        } catch (RuntimeException failure) {
            log.error("The seeds could not be loaded; the service runs without them", failure);
            return;
        }
        log.info(
                "Seeds: {} commands, {} written, {} already on the ledger, {} refused",
                report.commands(),
                report.written(),
                report.alreadyThere(),
                report.refused().size());
        report.refused().forEach(refusal -> log.error("Seed refused: {}", refusal));
        if (!report.anomalies().isEmpty()) {
            log.info(
                    "Seeds: {} anomalies flagged and kept as the sources state them (listed at DEBUG level)",
                    report.anomalies().size());
            report.anomalies().forEach(anomaly -> log.debug("Seed anomaly: {}", anomaly));
        }
    }
}
