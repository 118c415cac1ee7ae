package org.parley.history.benchmarks.read;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An analyst asking questions, one after the other, for as long as a rebuild runs: each answer's time and status,
 * the version that gave it, and the disk the version being built takes, looked at every second.
 */
final class Probe implements AutoCloseable {

    record Result(
            int asked,
            int refused,
            double p50Millis,
            double p99Millis,
            TreeMap<String, Integer> versions,
            long largestShadowBytes) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%,d asked, %d refused (not 200), p50 %.2f ms, p99 %.2f ms, answered by versions %s; the version"
                            + " being built at its largest %,d bytes",
                    asked,
                    refused,
                    p50Millis,
                    p99Millis,
                    versions,
                    largestShadowBytes);
        }
    }

    private final QueryTimer analyst;
    private final List<String> paths;
    private final String url;
    private final String user;
    private final String password;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;
    private long[] nanos = new long[1024];
    private int asked;
    private int refused;
    private final TreeMap<String, Integer> versions = new TreeMap<>();
    private long largestShadow;
    private Exception failure;

    private Probe(QueryTimer analyst, List<String> paths, String url, String user, String password) {
        this.analyst = analyst;
        this.paths = paths;
        this.url = url;
        this.user = user;
        this.password = password;
        this.thread = new Thread(this::ask, "probe");
    }

    static Probe start(QueryTimer analyst, List<String> paths, String url, String user, String password) {
        Probe probe = new Probe(analyst, paths, url, user, password);
        probe.thread.start();
        return probe;
    }

    private void ask() {
        long nextDiskLook = 0;
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            while (!stop.get()) {
                if (System.nanoTime() >= nextDiskLook) {
                    largestShadow = Math.max(largestShadow, shadowBytes(statement));
                    nextDiskLook = System.nanoTime() + 1_000_000_000L;
                }
                String path = paths.get(asked % paths.size());
                long started = System.nanoTime();
                HttpResponse<byte[]> response = analyst.get(path);
                long took = System.nanoTime() - started;
                if (asked == nanos.length) {
                    nanos = Arrays.copyOf(nanos, nanos.length * 2);
                }
                nanos[asked++] = took;
                if (response.statusCode() != 200) {
                    refused++;
                }
                versions.merge(
                        response.headers()
                                .firstValue("Parley-Read-Model-Version")
                                .orElse("none"),
                        1,
                        Integer::sum);
            }
        } catch (Exception e) {
            failure = e;
        }
    }

    /** The disk the version being built takes now, its tables and indexes; 0 when none is being built. */
    private static long shadowBytes(Statement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery(
                "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind = 'r' AND n.nspname = (SELECT 'read_v' || building_version FROM read_model_state)")) {
            row.next();
            return row.getLong(1);
        }
    }

    Result stop() throws InterruptedException {
        stop.set(true);
        thread.join();
        if (failure != null) {
            throw new IllegalStateException("the questions during the rebuild failed", failure);
        }
        long[] sorted = Arrays.copyOf(nanos, asked);
        Arrays.sort(sorted);
        return new Result(
                asked,
                refused,
                sorted.length == 0 ? Double.NaN : QueryTimer.percentile(sorted, 50),
                sorted.length == 0 ? Double.NaN : QueryTimer.percentile(sorted, 99),
                versions,
                largestShadow);
    }

    @Override
    public void close() throws InterruptedException {
        if (!stop.get()) {
            stop();
        }
    }
}
