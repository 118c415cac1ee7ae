package org.parley.history.service.timeline;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.parley.history.service.timeline.ReadModelRows.FactRow;
import org.parley.history.service.timeline.ReadModelRows.SourceRow;
import org.parley.history.service.timeline.ReadModelRows.VersionRow;
import org.springframework.stereotype.Component;

/** What every read question starts with: the read model current, the times read, the narrative found. */
@Component
class ReadQuestions {

    private final ReadModelRows rows;
    private final ReadModelRebuild readModel;
    private final Clock clock;

    ReadQuestions(ReadModelRows rows, ReadModelRebuild readModel, Clock clock) {
        this.rows = rows;
        this.readModel = readModel;
        this.clock = clock;
    }

    /** Refuses while the read model is being rebuilt, then reads the two times. */
    ReadWindow window(String asOf, String recordedAsOf) {
        readModel.requireCurrent();
        return new ReadWindow(
                TimeBound.parse("asOf", asOf, clock.instant()),
                TimeBound.parse("recordedAsOf", recordedAsOf, clock.instant()));
    }

    TimeBound time(String field, String text) {
        return TimeBound.parse(field, text, clock.instant());
    }

    void requireCurrent() {
        readModel.requireCurrent();
    }

    NarrativeLens narrative(String field, String narrativeId, TimeBound recordedAsOf) {
        return rows.narrative(narrativeId, recordedAsOf)
                .orElseThrow(() -> new ReadNotFound(
                        field,
                        "no narrative '" + narrativeId + "'"
                                + (recordedAsOf.requested() == null
                                        ? ""
                                        : " was defined by " + recordedAsOf.requested())));
    }

    /** The facts and sources that account versions are made of. */
    Material material(List<VersionRow> versions) {
        TreeSet<Long> sequences = new TreeSet<>();
        TreeSet<String> sources = new TreeSet<>();
        versions.forEach(version -> {
            sequences.addAll(version.applied());
            sources.add(version.sourceId());
        });
        return new Material(rows.facts(sequences), rows.sources(sources));
    }

    record Material(Map<Long, FactRow> facts, Map<String, SourceRow> sources) {
        static Material of(Map<Long, FactRow> facts, Map<String, SourceRow> sources) {
            return new Material(facts, sources);
        }
    }

    ReadModelRows rows() {
        return rows;
    }

    static <T> List<T> sorted(Collection<T> values, java.util.Comparator<T> order) {
        return values.stream().sorted(order).toList();
    }
}
