package org.parley.history.service.narratives.read;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.parley.history.contract.value.NarrativeSelection;
import org.parley.history.service.readmodel.ReadModelSql;
import org.parley.history.service.readmodel.ReadNotFound;
import org.parley.history.service.readmodel.TimeBound;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** The narratives as defined and revised ({@code read_narrative_version}), as Parley held them at a time. */
@Component
class NarrativeRows {

    private static final String COLUMNS =
            "SELECT narrative_id, title, description, selection FROM read_narrative_version";

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;

    NarrativeRows(NamedParameterJdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<NarrativeLens> narrative(String narrativeId, TimeBound recordedAsOf) {
        if (NarrativeLens.ALL_SOURCES.equals(narrativeId)) {
            return Optional.of(NarrativeLens.allSources());
        }
        return jdbc
                .query(
                        COLUMNS + " WHERE narrative_id = :id AND recorded_from <= :recordedAsOf"
                                + " AND recorded_to > :recordedAsOf",
                        new MapSqlParameterSource("id", narrativeId)
                                .addValue("recordedAsOf", ReadModelSql.utc(recordedAsOf.until())),
                        (row, n) -> lens(row.getString(1), row.getString(2), row.getString(3), row.getString(4)))
                .stream()
                .findFirst();
    }

    /** The narrative as Parley held it at recordedAsOf, or a refusal naming the field that asked for it. */
    NarrativeLens require(String field, String narrativeId, TimeBound recordedAsOf) {
        return narrative(narrativeId, recordedAsOf)
                .orElseThrow(() -> new ReadNotFound(
                        field,
                        "no narrative '" + narrativeId + "'"
                                + (recordedAsOf.requested() == null
                                        ? ""
                                        : " was defined by " + recordedAsOf.requested())));
    }

    List<NarrativeLens> narratives(TimeBound recordedAsOf) {
        return jdbc.query(
                COLUMNS + " WHERE recorded_from <= :recordedAsOf AND recorded_to > :recordedAsOf ORDER BY narrative_id",
                new MapSqlParameterSource("recordedAsOf", ReadModelSql.utc(recordedAsOf.until())),
                (row, n) -> lens(row.getString(1), row.getString(2), row.getString(3), row.getString(4)));
    }

    private NarrativeLens lens(String narrativeId, String title, String description, String selection) {
        return new NarrativeLens(
                narrativeId, title, description, ReadModelSql.read(json, selection, NarrativeSelection.class));
    }
}
