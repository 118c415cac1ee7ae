package org.parley.history.service.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.Executor;
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
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.stereotype.Component;

/**
 * The {@code database} health component, which the readiness group includes. PostgreSQL is asked every
 * {@code parley.database.probe-interval}, on a connection of the probe's own beside the pool, whether it takes
 * writes; a probe of readiness answers at once from the last result. DOWN when the server did not answer or is
 * read-only; liveness does not look at it (restarting Parley would not bring PostgreSQL back). While the server is
 * unreachable, the pool is closed to callers ({@link FailFastDataSource}), so that they are answered at once and the
 * pool comes back as soon as the probe sees the server again.
 */
@Component("database")
class DatabaseAvailability implements HealthIndicator, SmartLifecycle {

    private enum State {
        UNKNOWN,
        WRITABLE,
        READ_ONLY,
        UNREACHABLE;

        String word() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    private record Probe(State state, Instant at, String error) {}

    private static final Logger log = LoggerFactory.getLogger(DatabaseAvailability.class);

    private final DataSource probeConnections;
    private final FailFastDataSource gate;
    private final Duration interval;
    private final int timeoutMillis;
    private final Clock clock = Clock.systemUTC();
    private final Executor direct = Runnable::run;
    private volatile Probe last = new Probe(State.UNKNOWN, null, null);
    private volatile ScheduledExecutorService probes;
    private Connection connection;

    DatabaseAvailability(DataSource dataSource, @Value("${parley.database.probe-interval:1s}") Duration interval)
            throws SQLException {
        this.gate =
                dataSource.isWrapperFor(FailFastDataSource.class) ? dataSource.unwrap(FailFastDataSource.class) : null;
        this.probeConnections = dataSource.isWrapperFor(HikariDataSource.class)
                ? besidePool(dataSource.unwrap(HikariDataSource.class))
                : dataSource;
        this.interval = interval;
        // Room for a pause (a GC, a busy server) without calling the server away, short enough that readiness
        // still turns within five seconds of a silent server: the interval, then this.
        this.timeoutMillis = (int) Math.max(1000, 2 * interval.toMillis());
    }

    /** The pool's server and credentials, outside the pool: a probe must never wait for, nor take, a request's turn. */
    private static DataSource besidePool(HikariDataSource pool) {
        DriverManagerDataSource direct =
                new DriverManagerDataSource(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
        Properties properties = new Properties();
        properties.putAll(pool.getDataSourceProperties());
        properties.setProperty("user", String.valueOf(pool.getUsername()));
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        properties.setProperty("ApplicationName", "parley-database-probe");
        direct.setConnectionProperties(properties);
        return direct;
    }

    @Override
    public Health health() {
        Probe probe = last;
        if (probe.state() == State.UNKNOWN) {
            probe = probe();
        }
        Health.Builder health =
                switch (probe.state()) {
                    case WRITABLE -> Health.up();
                    case READ_ONLY -> Health.down().withDetail("readOnly", true);
                    default -> Health.down();
                };
        health.withDetail("state", probe.state().word());
        if (probe.at() != null) {
            health.withDetail("checkedAt", probe.at().toString());
        }
        if (probe.error() != null) {
            health.withDetail("error", probe.error());
        }
        return health.build();
    }

    private synchronized Probe probe() {
        Probe previous = last;
        Probe probe;
        try {
            probe = new Probe(readOnlyOnAnyConnection() ? State.READ_ONLY : State.WRITABLE, clock.instant(), null);
        } catch (SQLException failure) {
            closeConnection();
            probe = new Probe(State.UNREACHABLE, clock.instant(), describe(failure));
        }
        last = probe;
        if (gate != null) {
            gate.away(probe.state() == State.UNREACHABLE);
        }
        if (previous.state() != probe.state() && previous.state() != State.UNKNOWN) {
            if (probe.state() == State.WRITABLE) {
                log.info("PostgreSQL takes writes again; readiness is UP");
            } else {
                log.warn(
                        "PostgreSQL is {}; readiness is DOWN until it takes writes again ({})",
                        probe.state().word(),
                        probe.error() == null ? "transaction_read_only is on" : probe.error());
            }
        }
        return probe;
    }

    /**
     * The probe's own connection may be gone while the server is not (terminated by an administrator, cut by a
     * proxy's idle timeout): one failure on it is tried again on a fresh connection before the server is called away,
     * since calling it away closes the pool to every caller. A server that is really away refuses both at once.
     */
    private boolean readOnlyOnAnyConnection() throws SQLException {
        try {
            return readOnly();
        } catch (SQLException onTheOldConnection) {
            closeConnection();
            return readOnly();
        }
    }

    private boolean readOnly() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = probeConnections.getConnection();
            connection.setNetworkTimeout(direct, timeoutMillis);
        }
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW transaction_read_only")) {
            result.next();
            return "on".equals(result.getString(1));
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException alreadyBroken) {
                // nothing to give back
            }
            connection = null;
        }
    }

    /** The SQLState and the driver's words: what an operator needs, nothing about Parley's own classes. */
    private static String describe(SQLException failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String state = failure.getSQLState() == null ? "" : " (SQLState " + failure.getSQLState() + ")";
        return root.getMessage() + state;
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
        if (gate != null) {
            gate.away(false);
        }
        synchronized (this) {
            closeConnection();
        }
    }

    @Override
    public boolean isRunning() {
        return probes != null;
    }
}
