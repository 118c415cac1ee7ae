package org.parley.history.service.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.history.contract.change.NarrativeChangeKind;
import org.parley.history.contract.value.OccurredTime;
import org.parley.history.contract.value.Publication;
import org.parley.history.service.narratives.read.NarrativeEvolution.NarrativeChange;
import org.parley.history.service.narratives.read.NarrativeTimeline.NarrativeTimelineEntry;
import org.parley.history.service.readmodel.Reported;
import org.parley.history.service.readmodel.TimeBound;
import org.parley.history.service.sources.read.SourceProvenance.SourceGraphAnswer;
import org.parley.history.service.sources.read.SourceProvenance.SourceNode;

/** The workbench's own arithmetic and words, without a page around them. */
class WorkbenchPiecesTest {

    private final WorkbenchText text = new WorkbenchText(new ObjectMapper().findAndRegisterModules());

    @Test
    void an_imprecise_time_is_drawn_as_its_range_and_a_day_as_a_point() {
        TimelineChart chart = TimelineChart.of(List.of(
                entry("a", "2022-02-28T00:00:00Z", "2022-03-01T00:00:00Z", null),
                entry("b", "2022-03-01T00:00:00Z", "2022-04-01T00:00:00Z", null)));

        TimelineChart.Bar day = chart.lanes().get(0).bars().get(0);
        TimelineChart.Bar month = chart.lanes().get(1).bars().get(0);
        assertThat(day.range()).isFalse();
        assertThat(day.when()).isEqualTo("28 Feb 2022");
        assertThat(month.range()).isTrue();
        assertThat(month.when()).isEqualTo("1 Mar 2022 – 31 Mar 2022");
        assertThat(month.x()).isGreaterThan(day.x());
        assertThat(month.x() + month.width()).isLessThanOrEqualTo(TimelineChart.WIDTH);
    }

    @Test
    void a_few_events_far_back_do_not_squeeze_the_rest_into_a_sliver() {
        List<NarrativeTimelineEntry> entries = new java.util.ArrayList<>();
        entries.add(entry("budapest-1994", "1994-01-01T00:00:00Z", "1995-01-01T00:00:00Z", null));
        for (int day = 1; day <= 20; day++) {
            String start = String.format("2022-03-%02dT00:00:00Z", day);
            String end = String.format("2022-03-%02dT00:00:00Z", day + 1);
            entries.add(entry("talks-" + day, start, end, null));
        }

        TimelineChart chart = TimelineChart.of(entries);

        TimelineChart.Bar treaty = chart.lanes().get(0).bars().get(0);
        assertThat(treaty.earlier()).isTrue();
        assertThat(treaty.x()).isZero();
        assertThat(treaty.when()).isEqualTo("1 Jan 1994 – 31 Dec 1994");
        List<Double> xs = chart.lanes().stream()
                .skip(1)
                .map(lane -> lane.bars().get(0).x())
                .toList();
        assertThat(xs.get(xs.size() - 1) - xs.get(0)).isGreaterThan(TimelineChart.WIDTH / 2.0);
    }

    @Test
    void events_whose_order_is_unknown_share_a_lane_group_listed_by_title_not_by_time() {
        TimelineChart chart = TimelineChart.of(List.of(
                entry("z-first", "2022-03-01T00:00:00Z", "2022-04-01T00:00:00Z", "z-first"),
                entry("a-second", "2022-03-10T00:00:00Z", "2022-03-11T00:00:00Z", "z-first"),
                entry("alone", "2022-06-01T00:00:00Z", "2022-06-02T00:00:00Z", null),
                entry("undated", null, null, null)));

        assertThat(chart.lanes()).hasSize(2);
        assertThat(chart.lanes().get(0).orderUnknown()).isTrue();
        assertThat(chart.lanes().get(0).bars())
                .extracting(bar -> bar.entry().eventId())
                .containsExactly("a-second", "z-first");
        assertThat(chart.lanes().get(1).orderUnknown()).isFalse();
        assertThat(chart.undated()).extracting(NarrativeTimelineEntry::eventId).containsExactly("undated");
        assertThat(chart.entries()).hasSize(4);
    }

    @Test
    void the_as_of_control_stops_at_each_day_a_report_began_to_count_and_keeps_an_asked_day_between_them() {
        SourceGraphAnswer graph = new SourceGraphAnswer(
                null,
                null,
                List.of(
                        source("s1", "2023-02-02T23:59:59.999999Z"),
                        source("s2", "2022-03-31T23:59:59.999999Z"),
                        source("s3", "2022-03-31T23:59:59.999999Z"),
                        source("later", "2030-01-01T00:00:00Z")),
                List.of());

        ReportDates asked = ReportDates.of(graph, LocalDate.parse("2023-01-15"), LocalDate.parse("2026-12-03"));
        ReportDates now = ReportDates.of(graph, null, LocalDate.parse("2026-12-03"));

        assertThat(asked.days())
                .extracting(LocalDate::toString)
                .containsExactly("2022-03-31", "2023-01-15", "2023-02-02");
        assertThat(asked.selected()).isEqualTo(1);
        assertThat(asked.label()).isEqualTo("15 Jan 2023");
        assertThat(now.selected()).isEqualTo(now.now());
        assertThat(now.label()).isEqualTo("now");
        assertThat(now.attribute()).isEqualTo("2022-03-31,2023-02-02,");
    }

    @Test
    void csv_quotes_what_needs_quoting_and_never_hands_a_spreadsheet_a_formula() {
        Csv csv = new Csv("a", "b").row("plain", "with, comma").row("=HYPERLINK(\"x\")", "say \"no\"");

        assertThat(csv.text())
                .isEqualTo("a,b\r\nplain,\"with, comma\"\r\n\"'=HYPERLINK(\"\"x\"\")\",\"say \"\"no\"\"\"\r\n");
        assertThatThrownBy(() -> csv.row("one")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void values_and_changes_read_as_words() {
        assertThat(text.value(OccurredTime.at("2022-03"))).isEqualTo("Mar 2022 (the month)");
        assertThat(text.value(OccurredTime.between("2022-03-01", "2022-03-07"))).isEqualTo("1 Mar 2022 – 7 Mar 2022");
        assertThat(text.value(List.of("Russia", "Ukraine"))).isEqualTo("Russia, Ukraine");
        NarrativeChange disputed = new NarrativeChange(
                Instant.parse("2024-04-22T11:43:00Z"),
                NarrativeChangeKind.FIELD_DISPUTED,
                "belarus-round-2",
                "Second round",
                "place",
                List.of("Belarus"),
                List.of("Belarus", "Kamianyuk"),
                null,
                null,
                List.of());
        assertThat(text.change(disputed)).isEqualTo("place: Belarus → disputed: Belarus | Kamianyuk");
    }

    @Test
    void the_statement_says_what_the_view_is() {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");

        assertThat(text.statement(TimeBound.parse("asOf", "2023-02-03", now), TimeBound.parse("r", null, now)))
                .isEqualTo("As reported by 3 Feb 2023, as Parley held it now");
        assertThat(text.statement(TimeBound.parse("asOf", "2023-06", now), TimeBound.parse("r", "2026-12-01", now)))
                .isEqualTo("As reported by the end of Jun 2023, as Parley held it at 1 Dec 2026");
    }

    private static NarrativeTimelineEntry entry(String id, String start, String end, String group) {
        return new NarrativeTimelineEntry(
                id,
                "TALKS_ROUND",
                id,
                start == null ? null : Instant.parse(start),
                end == null ? null : Instant.parse(end),
                group,
                Map.of(),
                List.of(),
                List.of(),
                List.of(),
                1,
                1,
                List.of(),
                List.of());
    }

    private static SourceNode source(String id, String countsFrom) {
        return new SourceNode(
                id,
                id,
                null,
                List.of(),
                null,
                Publication.unknown(),
                new Reported(Instant.parse(countsFrom), "note"),
                null,
                null,
                List.of(id));
    }
}
