package org.parley.history.service.readmodel;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/** The two times a read question is asked at: what had been reported by asOf, as Parley held it at recordedAsOf. */
public record ReadWindow(TimeBound asOf, TimeBound recordedAsOf) {

    public MapSqlParameterSource parameters() {
        return new MapSqlParameterSource()
                .addValue("asOf", ReadModelSql.utc(asOf.until()))
                .addValue("recordedAsOf", ReadModelSql.utc(recordedAsOf.until()));
    }
}
