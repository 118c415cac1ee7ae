package org.parley.history.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.parley.history.contract.value.Moment;
import org.parley.history.contract.value.OccurredTime;
import org.parley.history.contract.value.Precision;

class MomentTest {

    @Test
    void a_month_covers_the_whole_month() {
        Moment march = Moment.of("2022-03");

        assertThat(march.precision()).isEqualTo(Precision.MONTH);
        assertThat(march.start()).isEqualTo(Instant.parse("2022-03-01T00:00:00Z"));
        assertThat(march.endExclusive()).isEqualTo(Instant.parse("2022-04-01T00:00:00Z"));
    }

    @Test
    void the_precision_is_read_from_the_shape_of_the_value() {
        assertThat(Moment.of("2022").precision()).isEqualTo(Precision.YEAR);
        assertThat(Moment.of("2022-03-29").precision()).isEqualTo(Precision.DAY);
        assertThat(Moment.of("2022-03-29T10:15:00Z").precision()).isEqualTo(Precision.INSTANT);
        assertThat(new Moment(null, null).precision()).isEqualTo(Precision.UNKNOWN);
    }

    @Test
    void a_value_that_does_not_match_its_precision_is_a_defect() {
        assertThat(new Moment(Precision.DAY, "2022-03").defect())
                .hasValueSatisfying(reason -> assertThat(reason).contains("not a valid DAY"));
        assertThat(Moment.of("March 2022").defect()).isPresent();
        assertThat(new Moment(Precision.DAY, "2022-02-30").defect()).isPresent();
        assertThat(new Moment(Precision.UNKNOWN, "2022").defect()).isPresent();
        assertThat(Moment.of("2022-02-28").defect()).isEmpty();
    }

    @Test
    void a_moment_outside_the_years_1_to_9999_is_a_defect_at_every_precision() {
        assertThat(Moment.of("0000").defect()).contains("'0000' is outside the years 1 to 9999");
        assertThat(Moment.of("-0001").defect()).isPresent();
        assertThat(Moment.of("0000-12").defect()).isPresent();
        assertThat(Moment.of("0000-01-01").defect()).isPresent();
        assertThat(Moment.of("0000-06-01T00:00:00Z").defect()).isPresent();
        assertThat(Moment.of("+10000-01-01T00:00:00Z").defect()).isPresent();
        assertThat(Moment.of("0001-01-01T00:30:00+01:00").defect())
                .as("an offset that moves an instant into year 0 (UTC)")
                .isPresent();
    }

    @Test
    void the_first_and_last_years_are_accepted() {
        assertThat(Moment.of("0001").defect()).isEmpty();
        assertThat(Moment.of("0001-01-01").defect()).isEmpty();
        assertThat(Moment.of("9999-12").defect()).isEmpty();
        assertThat(Moment.of("9999-12-31T23:59:59Z").defect()).isEmpty();
    }

    @Test
    void a_range_whose_end_lies_before_its_start_is_reversed() {
        assertThat(OccurredTime.between("2022-03-29", "2022-03-28").reversal()).isPresent();
        assertThat(OccurredTime.between("2022-03-28", "2022-03-29").reversal()).isEmpty();
        assertThat(OccurredTime.between("2022-03", "2022-03-15").reversal()).isEmpty();
        assertThat(OccurredTime.between("2022", "2021-12").reversal()).isPresent();
    }
}
