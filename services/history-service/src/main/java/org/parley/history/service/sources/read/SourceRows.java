package org.parley.history.service.sources.read;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.parley.history.contract.event.SourceRegistered;
import org.parley.history.service.readmodel.ReadModelSql;
import org.parley.history.service.readmodel.ReadWindow;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** The rows of {@code read_source}, fetched by index for one question at a time. */
@Component
public class SourceRows {

    public record SourceRow(
            SourceRegistered registered,
            Instant countsFrom,
            String countsFromNote,
            List<String> ancestors,
            List<String> origins,
            Instant recordedAt) {}

    private static final String COLUMNS =
            "SELECT registered, counts_from, counts_from_note, ancestors, origins, recorded_at FROM read_source";

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;

    SourceRows(NamedParameterJdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Map<String, SourceRow> sources(Collection<String> sourceIds) {
        Map<String, SourceRow> sources = new HashMap<>();
        if (sourceIds.isEmpty()) {
            return sources;
        }
        jdbc.query(
                        COLUMNS + " WHERE source_id IN (:sources)",
                        new MapSqlParameterSource("sources", sourceIds),
                        this::source)
                .forEach(source -> sources.put(source.registered().sourceId(), source));
        return sources;
    }

    /** Every source public by asOf and recorded by recordedAsOf, in id order. */
    public List<SourceRow> sources(ReadWindow window) {
        return jdbc.query(
                COLUMNS + " WHERE counts_from <= :asOf AND recorded_at <= :recordedAsOf ORDER BY source_id",
                window.parameters(),
                this::source);
    }

    private SourceRow source(ResultSet row, int n) throws SQLException {
        return new SourceRow(
                ReadModelSql.read(json, row.getString(1), SourceRegistered.class),
                ReadModelSql.instant(row, 2),
                row.getString(3),
                List.of(ReadModelSql.read(json, row.getString(4), String[].class)),
                List.of(ReadModelSql.read(json, row.getString(5), String[].class)),
                ReadModelSql.instant(row, 6));
    }
}
