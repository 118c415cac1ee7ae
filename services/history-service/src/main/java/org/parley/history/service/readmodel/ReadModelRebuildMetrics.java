package org.parley.history.service.readmodel;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A rebuild's progress and the answering version as metrics, read from the database like the status, so that every
 * instance reports the same whichever is building.
 */
@Configuration(proxyBeanMethods = false)
class ReadModelRebuildMetrics {

    @Bean
    MeterBinder readModelRebuildGauges(ReadModelRebuild rebuild) {
        return registry -> {
            gauge(
                    registry,
                    rebuild,
                    "parley.read_model.version",
                    "The version of the read model that answers",
                    s -> s.version() == null ? Double.NaN : s.version());
            gauge(
                    registry,
                    rebuild,
                    "parley.read_model.rebuild.events_done",
                    "Ledger events the running (or last) rebuild has applied",
                    ReadModelStatus::eventsDone);
            gauge(
                    registry,
                    rebuild,
                    "parley.read_model.rebuild.events_total",
                    "Ledger events the running (or last) rebuild applies before its version takes over",
                    ReadModelStatus::eventsTotal);
            gauge(
                    registry,
                    rebuild,
                    "parley.read_model.rebuild.events_per_second",
                    "The running (or last) rebuild's rate",
                    s -> s.eventsPerSecond() == null ? Double.NaN : s.eventsPerSecond());
            gauge(
                    registry,
                    rebuild,
                    "parley.read_model.rebuild.seconds_left",
                    "How long the running rebuild has left at its rate, 0 when none runs",
                    s -> s.estimatedSecondsLeft() == null ? Double.NaN : s.estimatedSecondsLeft());
        };
    }

    private static void gauge(
            MeterRegistry registry,
            ReadModelRebuild rebuild,
            String name,
            String description,
            ToDoubleFunction<ReadModelStatus> value) {
        Gauge.builder(name, rebuild, r -> {
                    try {
                        return value.applyAsDouble(r.status());
                    } catch (RuntimeException unavailable) {
                        return Double.NaN;
                    }
                })
                .description(description)
                .register(registry);
    }
}
