package org.parley.history.service.timeline;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read model's writes of one batch of ledger events, sent as JDBC batches when the batch commits (or before
 * the projection reads), in the order they were made. A rebuild is mostly inserts; one round trip per statement
 * would make it several times slower.
 */
final class PendingWrites {

    private record Write(String sql, Object[] arguments) {}

    private final JdbcTemplate jdbc;
    private final List<Write> writes = new ArrayList<>();

    PendingWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void add(String sql, Object... arguments) {
        writes.add(new Write(sql, arguments));
    }

    void flush() {
        int start = 0;
        while (start < writes.size()) {
            String sql = writes.get(start).sql();
            int end = start;
            List<Object[]> batch = new ArrayList<>();
            while (end < writes.size() && writes.get(end).sql().equals(sql)) {
                batch.add(writes.get(end).arguments());
                end++;
            }
            if (batch.size() == 1) {
                jdbc.update(sql, batch.get(0));
            } else {
                jdbc.batchUpdate(sql, batch);
            }
            start = end;
        }
        writes.clear();
    }
}
