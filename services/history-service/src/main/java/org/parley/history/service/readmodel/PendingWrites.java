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
 * mostly inserts, and one round trip per row would make it several times slower. A batch of a version being built
 * sends a large group with {@code COPY} instead (see {@link CopiedRows}): no question reads those tables yet, and
 * PostgreSQL takes rows fastest that way.
 */
public final class PendingWrites {

    /** Below this many rows a JDBC batch is as fast, and COPY's set-up is not worth it. */
    private static final int COPY_FROM = 64;

    private record Write(String sql, Object[] arguments) {}

    private final JdbcTemplate jdbc;
    private final boolean copy;
    private final List<Write> writes = new ArrayList<>();

    PendingWrites(JdbcTemplate jdbc) {
        this(jdbc, false);
    }

    PendingWrites(JdbcTemplate jdbc, boolean copy) {
        this.jdbc = jdbc;
        this.copy = copy;
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
            if (copy && rows.size() >= COPY_FROM && CopiedRows.send(jdbc, sql, rows)) {
                return;
            }
            if (rows.size() == 1) {
                jdbc.update(sql, rows.get(0));
            } else {
                jdbc.batchUpdate(sql, rows);
            }
        });
        inserts.clear();
    }
}
