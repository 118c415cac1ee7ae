package org.parley.history.service.timeline;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/** The two times a read question is asked at: what had been reported by asOf, as Parley held it at recordedAsOf. */
record ReadWindow(TimeBound asOf, TimeBound recordedAsOf) {

    MapSqlParameterSource parameters() {
        return new MapSqlParameterSource()
                .addValue("asOf", LedgerReadModelProjection.utc(asOf.until()))
                .addValue("recordedAsOf", LedgerReadModelProjection.utc(recordedAsOf.until()));
    }
}
