package org.parley.history.service.readmodel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read model's writes of one batch of ledger events, sent as JDBC batches when the batch commits (or before
 * the projection reads). Inserts into different tables do not depend on each other, so between two other
 * statements (a delete or an update, which keep their place) the inserts are grouped by statement: a rebuild is
 * mostly inserts, and one round trip per row would make it several times slower.
 */
public final class PendingWrites {

    private record Write(String sql, Object[] arguments) {}

    private final JdbcTemplate jdbc;
    private final List<Write> writes = new ArrayList<>();

    PendingWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void add(String sql, Object... arguments) {
        writes.add(new Write(sql, arguments));
    }

    public void flush() {
        Map<String, List<Object[]>> inserts = new LinkedHashMap<>();
        for (Write write : writes) {
            if (write.sql().startsWith("INSERT")) {
                inserts.computeIfAbsent(write.sql(), sql -> new ArrayList<>()).add(write.arguments());
            } else {
                send(inserts);
                jdbc.update(write.sql(), write.arguments());
            }
        }
        send(inserts);
        writes.clear();
    }

    /** Forgets the writes not yet sent: the work that made them was undone. */
    void discard() {
        writes.clear();
    }

    private void send(Map<String, List<Object[]>> inserts) {
        inserts.forEach((sql, rows) -> {
            if (rows.size() == 1) {
                jdbc.update(sql, rows.get(0));
            } else {
                jdbc.batchUpdate(sql, rows);
            }
        });
        inserts.clear();
    }
}
