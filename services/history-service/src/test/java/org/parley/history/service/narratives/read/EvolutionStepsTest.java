package org.parley.history.service.narratives.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.parley.history.service.narratives.read.NarrativeEvolution.Step;
import org.parley.history.service.readmodel.InvalidQuery;

class EvolutionStepsTest {

    private static final Instant END_OF_2022 = Instant.parse("2022-12-31T23:59:59.999999Z");

    @Test
    void monthly_steps_end_with_each_calendar_month() {
        assertThat(NarrativeEvolution.boundaries(END_OF_2022, Instant.parse("2023-03-15T23:59:59.999999Z"), Step.MONTH))
                .containsExactly(
                        END_OF_2022,
                        Instant.parse("2023-01-31T23:59:59.999999Z"),
                        Instant.parse("2023-02-28T23:59:59.999999Z"),
                        Instant.parse("2023-03-15T23:59:59.999999Z"));
    }

    @Test
    void weekly_steps_end_on_sundays_and_yearly_ones_on_new_years_eve() {
        assertThat(NarrativeEvolution.boundaries(END_OF_2022, Instant.parse("2023-01-10T00:00:00Z"), Step.WEEK))
                .containsExactly(
                        END_OF_2022,
                        Instant.parse("2023-01-01T23:59:59.999999Z"),
                        Instant.parse("2023-01-08T23:59:59.999999Z"),
                        Instant.parse("2023-01-10T00:00:00Z"));
        assertThat(NarrativeEvolution.boundaries(END_OF_2022, Instant.parse("2025-06-01T00:00:00Z"), Step.YEAR))
                .containsExactly(
                        END_OF_2022,
                        Instant.parse("2023-12-31T23:59:59.999999Z"),
                        Instant.parse("2024-12-31T23:59:59.999999Z"),
                        Instant.parse("2025-06-01T00:00:00Z"));
    }

    @Test
    void without_a_step_there_is_one() {
        assertThat(NarrativeEvolution.boundaries(END_OF_2022, Instant.parse("2025-06-01T00:00:00Z"), null))
                .hasSize(2);
    }

    @Test
    void too_many_steps_are_refused_naming_the_step() {
        assertThatThrownBy(() -> NarrativeEvolution.boundaries(
                        Instant.parse("1900-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"), Step.WEEK))
                .isInstanceOfSatisfying(InvalidQuery.class, refused -> assertThat(refused.field())
                        .isEqualTo("step"));
    }
}
