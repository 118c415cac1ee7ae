package org.parley.history.service.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.parley.history.contract.value.Moment;
import org.parley.history.contract.value.Publication;

class ReportedTimeTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void a_publication_known_to_the_day_counts_from_the_end_of_that_day() {
        ReportedTime.Counting counting = ReportedTime.ofPublication(Publication.stated("2023-02-02"), NOW);

        assertThat(counting.from()).isEqualTo(Instant.parse("2023-02-02T23:59:59.999999Z"));
        assertThat(counting.note()).contains("end of that day");
    }

    @Test
    void a_publication_known_to_the_month_counts_from_the_end_of_that_month_and_says_it_was_inferred() {
        ReportedTime.Counting counting =
                ReportedTime.ofPublication(Publication.inferred("2024-05", "from its latest events"), NOW);

        assertThat(counting.from()).isEqualTo(Instant.parse("2024-05-31T23:59:59.999999Z"));
        assertThat(counting.note())
                .contains("end of that month")
                .contains("inferred")
                .contains("latest events");
    }

    @Test
    void an_unknown_publication_counts_from_when_parley_recorded_the_source() {
        Instant recorded = Instant.parse("2026-01-05T08:00:00.123456789Z");

        ReportedTime.Counting counting = ReportedTime.ofPublication(Publication.unknown(), recorded);

        assertThat(counting.from()).isEqualTo(Instant.parse("2026-01-05T08:00:00.123456Z"));
        assertThat(counting.note()).contains("unknown").contains("recorded");
    }

    @Test
    void a_correction_without_its_own_time_counts_as_its_source() {
        ReportedTime.Counting source = ReportedTime.ofPublication(Publication.stated("2024-04-16"), NOW);

        assertThat(ReportedTime.ofReport(null, source).from()).isEqualTo(source.from());
        assertThat(ReportedTime.ofReport(Moment.of("2024-06"), source).from())
                .isEqualTo(Instant.parse("2024-06-30T23:59:59.999999Z"));
    }

    @Test
    void an_as_of_date_means_the_end_of_that_day() {
        TimeBound asOf = TimeBound.parse("asOf", "2023-02-02", NOW);

        assertThat(asOf.until()).isEqualTo(Instant.parse("2023-02-02T23:59:59.999999Z"));
        assertThat(asOf.countsUntil()).isEqualTo(asOf.until());
        assertThat(asOf.note()).contains("end of 2023-02-02");
    }

    @Test
    void no_as_of_means_now_and_is_not_echoed() {
        TimeBound asOf = TimeBound.parse("asOf", null, NOW);

        assertThat(asOf.until()).isEqualTo(NOW);
        assertThat(asOf.countsUntil()).isNull();
    }

    @Test
    void an_as_of_in_the_future_or_of_no_known_shape_is_refused_naming_the_field() {
        assertThatThrownBy(() -> TimeBound.parse("asOf", "2026-11-24", NOW))
                .isInstanceOfSatisfying(InvalidQuery.class, refused -> assertThat(refused.field())
                        .isEqualTo("asOf"));
        assertThatThrownBy(() -> TimeBound.parse("recordedAsOf", "yesterday", NOW))
                .isInstanceOfSatisfying(InvalidQuery.class, refused -> assertThat(refused.field())
                        .isEqualTo("recordedAsOf"));
    }

    @Test
    void today_is_not_the_future() {
        assertThat(TimeBound.parse("asOf", "2026-11-23", NOW).until())
                .isEqualTo(Instant.parse("2026-11-23T23:59:59.999999Z"));
    }
}
