package org.parley.history.service.narratives.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.parley.history.service.commands.LedgerFixtures.account;
import static org.parley.history.service.commands.LedgerFixtures.defineNarrative;
import static org.parley.history.service.commands.LedgerFixtures.defined;
import static org.parley.history.service.commands.LedgerFixtures.recorded;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;
import static org.parley.history.service.commands.LedgerFixtures.registered;
import static org.parley.history.service.commands.LedgerFixtures.reportEvent;
import static org.parley.history.service.commands.LedgerFixtures.reported;
import static org.parley.history.service.commands.LedgerFixtures.reviseNarrative;
import static org.parley.history.service.commands.LedgerFixtures.revised;
import static org.parley.history.service.commands.LedgerFixtures.sources;
import static org.parley.history.service.support.ReadModelSlice.at;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.history.service.events.read.ReadViews.FieldStatus;
import org.parley.history.service.events.read.ReadViews.FieldView;
import org.parley.history.service.events.read.ReadViews.ValueView;
import org.parley.history.service.narratives.read.NarrativeComparison.Comparison;
import org.parley.history.service.narratives.read.NarrativeComparison.EventMention;
import org.parley.history.service.narratives.read.NarrativeComparison.NarrativeComparisonAnswer;
import org.parley.history.service.narratives.read.NarrativeComparison.NarrativeComparisonQuery;
import org.parley.history.service.narratives.read.NarrativeTimeline.NarrativeTimelineAnswer;
import org.parley.history.service.narratives.read.NarrativeTimeline.NarrativeTimelineEntry;
import org.parley.history.service.narratives.read.NarrativeTimeline.NarrativeTimelineQuery;
import org.parley.history.service.narratives.read.Narratives.NarrativeSummary;
import org.parley.history.service.readmodel.ReportedTime;
import org.parley.history.service.support.ReadModelSlice;

/**
 * {@link NarrativeProjection}: narratives defined and revised → {@code read_narrative_version} → the narratives
 * listed ({@link Narratives}), told ({@link NarrativeTimeline}) and compared ({@link NarrativeComparison}) as Parley
 * held them at each recorded time.
 */
class NarrativeProjectionIT {

    @RegisterExtension
    static final ReadModelSlice readModel = new ReadModelSlice();

    private static final Instant DEFINED = Instant.parse("2025-03-01T10:10:00Z");
    private static final Instant FIRST_REVISION = Instant.parse("2025-03-02T10:00:00Z");
    private static final Instant SECOND_REVISION = Instant.parse("2025-03-02T11:00:00Z");

    /**
     * The wire and the Kyiv paper disagree on where the talks were held (Istanbul, Antalya); only the paper tells of
     * the breakdown. "west" first follows the wire; "east" the paper.
     */
    @BeforeEach
    void givenTwoSourcesAndTwoNarratives() {
        readModel.handle(
                at("2025-03-01T10:00:00Z", registered(registerSource("wire"))),
                at("2025-03-01T10:00:01Z", registered(registerSource("kyiv"))),
                at("2025-03-01T10:01:00Z", reported(reportEvent("talks", "wire"))),
                at("2025-03-01T10:01:01Z", reported(reportEvent("breakdown", "kyiv"))),
                at("2025-03-01T10:02:00Z", recorded(account("talks", "talks.wire", "wire", "Istanbul"))),
                at("2025-03-01T10:02:01Z", recorded(account("talks", "talks.kyiv", "kyiv", "Antalya"))),
                at("2025-03-01T10:02:02Z", recorded(account("breakdown", "breakdown.kyiv", "kyiv", "Kyiv"))),
                at(DEFINED.toString(), defined(defineNarrative("west", sources("wire")))),
                at("2025-03-01T10:10:01Z", defined(defineNarrative("east", sources("kyiv")))));
    }

    @Test
    void a_narrative_revision_closes_the_version_before_it_whether_recorded_in_an_earlier_batch_or_the_same() {
        readModel.handle(
                at(FIRST_REVISION.toString(), revised(reviseNarrative("west", "rev-1", sources("wire", "kyiv")))),
                at(SECOND_REVISION.toString(), revised(reviseNarrative("west", "rev-2", sources("kyiv")))));

        assertThat(readModel.rows("SELECT revision_id, title, selection, recorded_from, recorded_to, ledger_sequence"
                        + " FROM read_narrative_version WHERE narrative_id = 'west' ORDER BY ledger_sequence"))
                .extracting(
                        row -> row.get("revision_id"),
                        row -> row.get("title"),
                        row -> row.get("recorded_from"),
                        row -> row.get("recorded_to"),
                        row -> row.get("ledger_sequence"))
                .containsExactly(
                        tuple(null, "Narrative west", DEFINED, FIRST_REVISION, 8L),
                        tuple("rev-1", "Narrative west, revised", FIRST_REVISION, SECOND_REVISION, 10L),
                        tuple("rev-2", "Narrative west, revised", SECOND_REVISION, ReportedTime.OPEN, 11L));
        assertThat(readModel.row("SELECT selection FROM read_narrative_version WHERE revision_id = 'rev-2'"))
                .isEqualTo(Map.of(
                        "selection", "{\"sourceIds\":[\"kyiv\"],\"outlets\":[],\"accountIds\":[],\"linkIds\":[]}"));

        assertThat(readModel.bean(Narratives.class).list("2025-03-01T12:00:00Z"))
                .extracting(NarrativeSummary::narrativeId, NarrativeSummary::title)
                .containsExactly(
                        tuple("all-sources", "All sources"),
                        tuple("east", "Narrative east"),
                        tuple("west", "Narrative west"));
        assertThat(readModel.bean(Narratives.class).list(null))
                .filteredOn(summary -> summary.narrativeId().equals("west"))
                .extracting(summary -> summary.selection().sourceIds())
                .containsExactly(List.of("kyiv"));

        assertThat(eventsOf(timeline("west", "2025-03-01T12:00:00Z"))).containsExactly("talks");
        assertThat(eventsOf(timeline("west", "2025-03-02T10:30:00Z"))).containsExactlyInAnyOrder("talks", "breakdown");
        NarrativeTimelineAnswer now = timeline("west", null);
        assertThat(now.description()).isEqualTo("Revised by rev-2.");
        assertThat(places(now, "talks")).containsExactly("Antalya");
    }

    @Test
    void the_timeline_shows_each_field_as_the_selected_accounts_give_it() {
        readModel.handle(
                at(FIRST_REVISION.toString(), revised(reviseNarrative("west", "rev-1", sources("wire", "kyiv")))));

        FieldView before = field(timeline("west", "2025-03-01T12:00:00Z"), "talks", "place");
        assertThat(before.status()).isEqualTo(FieldStatus.AGREED);
        assertThat(before.values()).extracting(ValueView::value).containsExactly("Istanbul");
        FieldView after = field(timeline("west", null), "talks", "place");
        assertThat(after.status()).isEqualTo(FieldStatus.DISPUTED);
        assertThat(after.values()).extracting(ValueView::value).containsExactlyInAnyOrder("Istanbul", "Antalya");
        assertThat(after.values())
                .flatExtracting(ValueView::accounts)
                .containsExactlyInAnyOrder("talks.wire", "talks.kyiv");
    }

    @Test
    void the_comparison_sets_the_narratives_side_by_side_as_they_were_defined_at_the_time_asked() {
        readModel.handle(
                at(FIRST_REVISION.toString(), revised(reviseNarrative("west", "rev-1", sources("wire", "kyiv")))));

        NarrativeComparisonAnswer apart = readModel
                .bean(NarrativeComparison.class)
                .answer(new NarrativeComparisonQuery("west", "east", null, "2025-03-01T12:00:00Z"));
        assertThat(apart.onlyLeft()).isEmpty();
        assertThat(apart.onlyRight()).extracting(EventMention::eventId).containsExactly("breakdown");
        assertThat(apart.shared()).singleElement().satisfies(talks -> {
            assertThat(talks.eventId()).isEqualTo("talks");
            assertThat(talks.differs()).isTrue();
            assertThat(talks.fields().get("place").comparison()).isEqualTo(Comparison.DISAGREED);
            assertThat(talks.fields().get("occurred").comparison()).isEqualTo(Comparison.AGREED);
        });

        NarrativeComparisonAnswer revisedWest = readModel
                .bean(NarrativeComparison.class)
                .answer(new NarrativeComparisonQuery("west", "east", null, null));
        assertThat(revisedWest.onlyRight()).isEmpty();
        assertThat(revisedWest.shared())
                .extracting(shared -> shared.eventId())
                .containsExactlyInAnyOrder("talks", "breakdown");
    }

    private NarrativeTimelineAnswer timeline(String narrativeId, String recordedAsOf) {
        return readModel
                .bean(NarrativeTimeline.class)
                .answer(new NarrativeTimelineQuery(narrativeId, null, recordedAsOf, null, null, 100, null));
    }

    private static List<String> eventsOf(NarrativeTimelineAnswer timeline) {
        return timeline.entries().stream().map(NarrativeTimelineEntry::eventId).toList();
    }

    private static FieldView field(NarrativeTimelineAnswer timeline, String eventId, String field) {
        return timeline.entries().stream()
                .filter(entry -> entry.eventId().equals(eventId))
                .findFirst()
                .orElseThrow()
                .fields()
                .get(field);
    }

    private static List<Object> places(NarrativeTimelineAnswer timeline, String eventId) {
        return field(timeline, eventId, "place").values().stream()
                .map(ValueView::value)
                .toList();
    }
}
