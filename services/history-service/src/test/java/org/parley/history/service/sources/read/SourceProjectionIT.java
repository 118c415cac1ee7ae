package org.parley.history.service.sources.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;
import static org.parley.history.service.commands.LedgerFixtures.registered;
import static org.parley.history.service.support.ReadModelSlice.at;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.history.contract.command.RegisterSource;
import org.parley.history.contract.event.SourceRegistered;
import org.parley.history.contract.value.Publication;
import org.parley.history.service.sources.read.SourceProvenance.ProvenanceEdge;
import org.parley.history.service.sources.read.SourceProvenance.Relation;
import org.parley.history.service.sources.read.SourceProvenance.SourceAnswer;
import org.parley.history.service.sources.read.SourceProvenance.SourceGraphAnswer;
import org.parley.history.service.sources.read.SourceProvenance.SourceNode;
import org.parley.history.service.sources.read.SourceProvenance.SourceQuery;
import org.parley.history.service.support.ReadModelSlice;

/** {@link SourceProjection}: registered sources → {@code read_source} → {@link SourceProvenance}'s answers. */
class SourceProjectionIT {

    @RegisterExtension
    static final ReadModelSlice readModel = new ReadModelSlice();

    @Test
    void a_republication_adds_an_ancestor_but_no_new_origin() {
        readModel.handle(
                at("2025-01-10T09:00:00Z", registered(registerSource("wire"))),
                at("2025-01-10T09:01:00Z", registered(registerSource("memo"))),
                at("2025-01-10T09:02:00Z", registered(registerSource("reprint", "wire"))));
        // a later batch: the bases are known from the first one
        readModel.handle(at("2025-01-11T09:00:00Z", registered(registerSource("analysis", null, "reprint", "memo"))));

        assertThat(readModel.rows("SELECT source_id, ancestors, origins, ledger_sequence FROM read_source"
                        + " ORDER BY ledger_sequence"))
                .containsExactly(
                        Map.of("source_id", "wire", "ancestors", "[]", "origins", "[\"wire\"]", "ledger_sequence", 1L),
                        Map.of("source_id", "memo", "ancestors", "[]", "origins", "[\"memo\"]", "ledger_sequence", 2L),
                        Map.of(
                                "source_id",
                                "reprint",
                                "ancestors",
                                "[\"wire\"]",
                                "origins",
                                "[\"wire\"]",
                                "ledger_sequence",
                                3L),
                        Map.of(
                                "source_id",
                                "analysis",
                                "ancestors",
                                "[\"memo\",\"reprint\",\"wire\"]",
                                "origins",
                                "[\"memo\",\"wire\"]",
                                "ledger_sequence",
                                4L));

        SourceAnswer reprint = provenance().source(new SourceQuery("reprint", null, null));
        assertThat(reprint.source().origins()).containsExactly("wire");
        assertThat(reprint.provenance())
                .containsExactly(new ProvenanceEdge("reprint", Relation.REPUBLICATION_OF, "wire"));
        assertThat(reprint.restedOnBy()).containsExactly("analysis");
        assertThat(provenance().source(new SourceQuery("wire", null, null)).republishedBy())
                .containsExactly("reprint");
        assertThat(provenance().source(new SourceQuery("analysis", null, null)).provenance())
                .containsExactly(
                        new ProvenanceEdge("analysis", Relation.RESTS_ON, "reprint"),
                        new ProvenanceEdge("analysis", Relation.RESTS_ON, "memo"));
    }

    @Test
    void a_month_precise_publication_counts_from_the_end_of_the_month() {
        readModel.handle(at("2024-05-03T08:00:00Z", published("monthly", Publication.stated("2024-05"))));

        Map<String, Object> row = readModel.row("SELECT counts_from, counts_from_note, recorded_at FROM read_source");
        assertThat(row.get("counts_from")).isEqualTo(Instant.parse("2024-05-31T23:59:59.999999Z"));
        assertThat((String) row.get("counts_from_note")).contains("2024-05, known only to the month");
        assertThat(row.get("recorded_at")).isEqualTo(Instant.parse("2024-05-03T08:00:00Z"));

        assertThat(sourcesIn(provenance().graph("2024-05-30", null))).isEmpty();
        SourceGraphAnswer endOfMonth = provenance().graph("2024-05-31", null);
        assertThat(sourcesIn(endOfMonth)).containsExactly("monthly");
        assertThat(endOfMonth.sources().get(0).reported().countsFrom())
                .isEqualTo(Instant.parse("2024-05-31T23:59:59.999999Z"));
    }

    @Test
    void an_unknown_publication_counts_from_its_recording() {
        Instant recorded = Instant.parse("2025-03-02T09:30:00.123Z");
        readModel.handle(at(recorded.toString(), published("undated", Publication.unknown())));

        Map<String, Object> row = readModel.row("SELECT counts_from, counts_from_note FROM read_source");
        assertThat(row.get("counts_from")).isEqualTo(recorded);
        assertThat((String) row.get("counts_from_note"))
                .isEqualTo("publication time unknown: counts from when Parley recorded the source (" + recorded + ")");

        assertThat(sourcesIn(provenance().graph("2025-03-01", null))).isEmpty();
        SourceNode undated = provenance()
                .source(new SourceQuery("undated", "2025-03-02", null))
                .source();
        assertThat(undated.reported().countsFrom()).isEqualTo(recorded);
        assertThat(sourcesIn(provenance().graph(null, "2025-03-02T09:30:00.122Z")))
                .as("before Parley recorded it, nobody could see it")
                .isEmpty();
    }

    private SourceProvenance provenance() {
        return readModel.bean(SourceProvenance.class);
    }

    private static List<String> sourcesIn(SourceGraphAnswer graph) {
        return graph.sources().stream().map(SourceNode::sourceId).toList();
    }

    private static SourceRegistered published(String sourceId, Publication publication) {
        RegisterSource source = registerSource(sourceId);
        return new SourceRegistered(
                source.sourceId(),
                source.title(),
                source.outlet(),
                source.authors(),
                source.kind(),
                publication,
                source.url(),
                source.language(),
                null,
                List.of());
    }
}
