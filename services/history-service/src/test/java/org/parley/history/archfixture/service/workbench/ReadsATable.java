package org.parley.history.archfixture.service.workbench;

import org.springframework.jdbc.core.JdbcTemplate;

/** Breaks a rule: the workbench reading a read table itself instead of asking a query service. */
public class ReadsATable {
    Long events(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT count(*) FROM read_event", Long.class);
    }
}
