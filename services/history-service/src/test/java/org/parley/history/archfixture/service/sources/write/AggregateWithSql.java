package org.parley.history.archfixture.service.sources.write;

import org.springframework.jdbc.core.JdbcTemplate;

/** Breaks a rule: an aggregate that speaks SQL. */
public class AggregateWithSql {
    JdbcTemplate jdbc;
}
