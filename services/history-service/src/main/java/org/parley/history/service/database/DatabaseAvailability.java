package org.parley.history.service.database;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code database} health component, which the readiness group includes: PostgreSQL is asked every
 * {@code parley.database.probe-interval} whether it takes writes, in the background, so that a probe of readiness
 * answers at once from the last result instead of waiting on the pool itself. DOWN when no connection came within
 * the pool's timeout or the server is read-only; liveness does not look at it (restarting Parley would not bring
 * PostgreSQL back).
 */
@Component("database")
class DatabaseAvailability implements HealthIndicator, SmartLifecycle {

    private record Probe(DatabaseState state, Instant at, String error) {}

    private enum DatabaseState {
        UNKNOWN,
        WRITABLE,
        READ_ONLY,
        UNREACHABLE
    }

    private static final Logger log = LoggerFactory.getLogger(DatabaseAvailability.class);

    private final JdbcTemplate jdbc;
    private final Duration interval;
    private final Clock clock = Clock.systemUTC();
    private volatile Probe last = new Probe(DatabaseState.UNKNOWN, null, null);
    private volatile ScheduledExecutorService probes;

    DatabaseAvailability(DataSource dataSource, @Value("${parley.database.probe-interval:1s}") Duration interval) {
        this.jdbc = new JdbcTemplate(dataSource);
        // Longer than the probe interval would let probes queue up behind a server that does not answer.
        this.jdbc.setQueryTimeout((int) Math.max(1, interval.toSeconds()));
        this.interval = interval;
    }

    @Override
    public Health health() {
        Probe probe = last;
        if (probe.state() == DatabaseState.UNKNOWN) {
            probe = probe();
        }
        Health.Builder health =
                switch (probe.state()) {
                    case WRITABLE -> Health.up();
                    case READ_ONLY -> Health.down().withDetail("readOnly", true);
                    default -> Health.down();
                };
        health.withDetail("state", probe.state().name().toLowerCase().replace('_', '-'));
        if (probe.at() != null) {
            health.withDetail("checkedAt", probe.at().toString());
        }
        if (probe.error() != null) {
            health.withDetail("error", probe.error());
        }
        return health.build();
    }

    private Probe probe() {
        Probe previous = last;
        Probe probe;
        try {
            String readOnly = jdbc.queryForObject("SHOW transaction_read_only", String.class);
            probe = new Probe(
                    "on".equals(readOnly) ? DatabaseState.READ_ONLY : DatabaseState.WRITABLE, clock.instant(), null);
        } catch (RuntimeException failure) {
            probe = new Probe(DatabaseState.UNREACHABLE, clock.instant(), describe(failure));
        }
        last = probe;
        if (previous.state() != probe.state() && previous.state() != DatabaseState.UNKNOWN) {
            if (probe.state() == DatabaseState.WRITABLE) {
                log.info("PostgreSQL takes writes again; readiness is UP");
            } else {
                log.warn(
                        "PostgreSQL is {}; readiness is DOWN until it takes writes again ({})",
                        probe.state().name().toLowerCase().replace('_', '-'),
                        probe.error() == null ? "transaction_read_only is on" : probe.error());
            }
        }
        return probe;
    }

    /** The SQLState and the driver's words: what an operator needs, nothing about Parley's own classes. */
    private static String describe(RuntimeException failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String state = root instanceof java.sql.SQLException sql && sql.getSQLState() != null
                ? " (SQLState " + sql.getSQLState() + ")"
                : "";
        return String.valueOf(root.getMessage()) + state;
    }

    @Override
    public void start() {
        probes = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "parley-database-probe");
            thread.setDaemon(true);
            return thread;
        });
        probes.scheduleWithFixedDelay(this::probeQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void probeQuietly() {
        try {
            probe();
        } catch (RuntimeException unexpected) {
            log.warn("The database probe failed", unexpected);
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = probes;
        if (running != null) {
            running.shutdownNow();
            probes = null;
        }
    }

    @Override
    public boolean isRunning() {
        return probes != null;
    }
}
