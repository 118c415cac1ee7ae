package org.parley.history.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.JdbcException;

/** One PostgreSQL database the benchmark writes to, always into a schema of its own that each run recreates. */
final class BenchDatabase {

    /** The server settings that decide what a commit costs; printed with the results. */
    static final List<String> REPORTED_SETTINGS = List.of(
            "server_version",
            "fsync",
            "synchronous_commit",
            "full_page_writes",
            "wal_sync_method",
            "wal_level",
            "shared_buffers",
            "max_wal_size",
            "checkpoint_timeout");

    private final String url;
    private final String user;
    private final String password;
    private final String schema;
    private boolean checkpointRefused;

    BenchDatabase(String url, String user, String password, String schema) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    String url() {
        return url;
    }

    /** A pool like the service's (HikariCP, auto-commit on), whose connections work in the benchmark schema. */
    HikariDataSource newPool(String name) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setSchema(schema);
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(2);
        HikariDataSource pool = new HikariDataSource(config);
        // Open the connections now, so that the first timed transaction does not pay for them.
        try (Connection a = pool.getConnection();
                Connection b = pool.getConnection()) {
            a.isValid(1);
            b.isValid(1);
        } catch (SQLException e) {
            pool.close();
            throw new JdbcException("cannot connect to " + url, e);
        }
        return pool;
    }

    /**
     * Drops everything an earlier run left and creates the benchmark schema empty. Large objects live outside any
     * schema (in pg_largeobject), so the ones earlier oid-mapped runs created are unlinked explicitly.
     */
    void recreateSchema() {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            statement.execute("CREATE SCHEMA " + schema);
            // A thousand at a time: each unlink holds a lock until commit, and 40,000 of them exhaust the lock table.
            long unlinked;
            do {
                try (ResultSet row = statement.executeQuery("SELECT count(lo_unlink(oid)) FROM "
                        + "(SELECT oid FROM pg_largeobject_metadata WHERE lomowner = "
                        + "(SELECT oid FROM pg_roles WHERE rolname = current_user) LIMIT 1000) AS orphans")) {
                    row.next();
                    unlinked = row.getLong(1);
                }
            } while (unlinked > 0);
        } catch (SQLException e) {
            throw new JdbcException("cannot recreate schema " + schema + " in " + url, e);
        }
    }

    /**
     * Lets the server come to rest before a timed run. Unlinking the 40,000 large objects of an oid-mapped run
     * leaves as many dead rows in pg_largeobject, and autovacuum picks them up within a minute, in the middle of
     * whatever run comes next unless that run waits for it. Then a checkpoint, so that no run inherits another's.
     */
    void settle() {
        long waitedFrom = System.nanoTime();
        long deadline = waitedFrom + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline && busy()) {
            sleep(500);
        }
        long waited = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - waitedFrom);
        if (waited >= 1) {
            System.out.printf("(waited %d s for autovacuum before the next run)%n", waited);
        }
        checkpoint();
    }

    /** Whether autovacuum is working anywhere, or will soon be on large objects of this database. */
    private boolean busy() {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT "
                        + "(SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'), "
                        + "(SELECT count(*) FROM pg_stat_all_tables WHERE relname IN "
                        + " ('pg_largeobject', 'pg_largeobject_metadata') AND n_dead_tup > 50 + 0.2 * n_live_tup)")) {
            row.next();
            return row.getLong(1) > 0 || row.getLong(2) > 0;
        } catch (SQLException e) {
            throw new JdbcException("cannot read autovacuum activity in " + url, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for autovacuum", e);
        }
    }

    /**
     * Flushes dirty pages, so that no run inherits another one's checkpoint. Needs the pg_checkpoint role
     * (PostgreSQL 15+) or a superuser; without it the benchmark goes on and says so once.
     */
    private void checkpoint() {
        if (checkpointRefused) {
            return;
        }
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        } catch (SQLException e) {
            checkpointRefused = true;
            System.out.println(
                    "note: CHECKPOINT refused on " + url + " (" + e.getMessage().strip()
                            + "); runs go on without one. GRANT pg_checkpoint TO the benchmark user to have it.");
        }
    }

    Map<String, String> serverSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            for (String name : REPORTED_SETTINGS) {
                try (ResultSet row = statement.executeQuery("SHOW " + name)) {
                    row.next();
                    settings.put(name, row.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new JdbcException("cannot read the settings of " + url, e);
        }
        return settings;
    }

    /** Table and index bytes in the benchmark schema, how many large objects exist and how its sequences step. */
    String storageSummary() {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT "
                        + "(SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '" + schema + "' "
                        + " AND c.relkind = 'r'), "
                        + "(SELECT count(*) FROM pg_largeobject_metadata), "
                        + "(SELECT string_agg(sequencename || ' +' || increment_by, ', ') FROM pg_sequences "
                        + " WHERE schemaname = '" + schema + "')")) {
            row.next();
            return String.format(
                    "%.1f MB in tables and indexes, %d large objects, sequence %s",
                    row.getLong(1) / 1024.0 / 1024.0, row.getLong(2), row.getString(3));
        } catch (SQLException e) {
            throw new JdbcException("cannot measure storage in " + url, e);
        }
    }

    /** The step of a sequence in the benchmark schema, or 0 when there is no such sequence. */
    long sequenceIncrement(String sequence) {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT coalesce(max(increment_by), 0) FROM pg_sequences "
                        + "WHERE schemaname = '" + schema + "' AND sequencename = '" + sequence + "'")) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new JdbcException("cannot read sequence " + sequence + " in " + url, e);
        }
    }

    /** Runs a SQL script from the classpath as one multi-statement string (PostgreSQL's driver splits it). */
    static void runScript(DataSource dataSource, String resource) {
        String sql;
        try (InputStream in = BenchDatabase.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new JdbcException("cannot run " + resource, e);
        }
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(url, user, password);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + schema);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
