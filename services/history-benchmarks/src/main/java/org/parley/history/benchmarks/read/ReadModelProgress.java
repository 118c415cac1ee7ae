package org.parley.history.benchmarks.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How far the service's read model is, seen two ways: the positions of Axon's tracking processors in
 * {@code token_entry} (read straight from the database), and the service's own rebuild status
 * ({@code GET /api/rebuilds/current}, operator only).
 */
final class ReadModelProgress {

    /** One look at both. {@code status} is null when the service does not answer it. */
    record Snapshot(long nanos, Map<String, Long> positions, JsonNode status) {

        long slowest() {
            // Only the read model's own processor: the ledger publisher's first publication is not part of it.
            return positions.entrySet().stream()
                    .filter(position -> position.getKey().startsWith("read-model/"))
                    .mapToLong(Map.Entry::getValue)
                    .min()
                    .orElse(-1);
        }

        String state() {
            return status == null || !status.hasNonNull("state")
                    ? null
                    : status.get("state").asText();
        }

        @Override
        public String toString() {
            return "tokens " + positions + (status == null ? "" : ", rebuild " + status);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final String user;
    private final String password;
    private final QueryTimer operator;

    ReadModelProgress(String url, String user, String password, QueryTimer operator) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.operator = operator;
    }

    long lastGlobalIndex() {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement();
                ResultSet row =
                        statement.executeQuery("SELECT coalesce(max(global_index), 0) FROM domain_event_entry")) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the ledger's end in " + url, e);
        }
    }

    Snapshot look(boolean askService) {
        return new Snapshot(System.nanoTime(), positions(), askService ? status() : null);
    }

    /** Each tracking processor segment's position: the global index it has handled up to, or -1 with no token. */
    Map<String, Long> positions() {
        Map<String, Long> positions = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT processor_name, segment, token FROM token_entry ORDER BY processor_name, segment")) {
            while (rows.next()) {
                byte[] token = rows.getBytes(3);
                long position = -1;
                if (token != null) {
                    position = position(JSON.readTree(token));
                }
                positions.put(rows.getString(1) + "/" + rows.getInt(2), position);
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return positions; // no token table yet
            }
            throw new IllegalStateException("cannot read token_entry in " + url, e);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable token in " + url, e);
        }
        return positions;
    }

    /** GapAwareTrackingToken {"index":n}, GlobalSequenceTrackingToken {"globalIndex":n}, ReplayToken wrapping one. */
    static long position(JsonNode token) {
        if (token == null || token.isNull()) {
            return -1;
        }
        if (token.has("currentToken")) {
            return position(token.get("currentToken"));
        }
        if (token.has("index")) {
            return token.get("index").asLong();
        }
        if (token.has("globalIndex")) {
            return token.get("globalIndex").asLong();
        }
        return -1;
    }

    JsonNode status() {
        try {
            HttpResponse<byte[]> response = operator.get("/api/rebuilds/current");
            if (response.statusCode() != 200) {
                return null;
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
