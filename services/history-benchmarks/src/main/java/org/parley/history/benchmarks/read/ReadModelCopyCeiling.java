package org.parley.history.benchmarks.read;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The write half of a rebuild's ceiling: the rows the answering version of the read model holds, copied out of its
 * tables first (not timed) and then written with {@code COPY ... FROM STDIN} into empty tables of the same columns
 * with no index at all, in one transaction, timed. No rebuild can write its rows faster than that.
 */
final class ReadModelCopyCeiling {

    private static final String SCRATCH = "bench_copy_ceiling";

    record Result(long rows, long bytes, double seconds) {}

    private final String url;
    private final String user;
    private final String password;

    ReadModelCopyCeiling(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    Result copy() {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            String schema = answeringSchema(statement);
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT tablename FROM pg_tables WHERE schemaname = '" + schema + "' ORDER BY tablename")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            List<byte[]> contents = new ArrayList<>();
            long rows = 0;
            long bytes = 0;
            for (String table : tables) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                rows += copy.copyOut("COPY " + schema + "." + table + " TO STDOUT", out);
                contents.add(out.toByteArray());
                bytes += out.size();
            }
            statement.execute("DROP SCHEMA IF EXISTS " + SCRATCH + " CASCADE");
            statement.execute("CREATE SCHEMA " + SCRATCH);
            for (String table : tables) {
                statement.execute("CREATE TABLE " + SCRATCH + "." + table + " (LIKE " + schema + "." + table
                        + " INCLUDING DEFAULTS)");
            }
            connection.setAutoCommit(false);
            long started = System.nanoTime();
            for (int i = 0; i < tables.size(); i++) {
                copy.copyIn(
                        "COPY " + SCRATCH + "." + tables.get(i) + " FROM STDIN",
                        new ByteArrayInputStream(contents.get(i)));
            }
            connection.commit();
            double seconds = (System.nanoTime() - started) / 1e9;
            connection.setAutoCommit(true);
            statement.execute("DROP SCHEMA " + SCRATCH + " CASCADE");
            return new Result(rows, bytes, seconds);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot copy the read model of " + url, e);
        }
    }

    /** The schema of the version that answers. */
    private static String answeringSchema(Statement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery("SELECT 'read_v' || version FROM read_model_state")) {
            row.next();
            return row.getString(1);
        }
    }
}
