package org.parley.history.service.narratives.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.history.service.events.read.EventPictures.EventPicture;

class OverlapGroupsTest {

    @Test
    void events_whose_spans_overlap_directly_or_through_each_other_share_a_group_and_others_have_none() {
        Map<String, EventPicture> page = new LinkedHashMap<>();
        page.put("march", span("march", "2022-03-01", "2022-04-01"));
        page.put("march-3", span("march-3", "2022-03-03", "2022-03-04"));
        page.put("late-march", span("late-march", "2022-03-29", "2022-04-02"));
        page.put("april-9", span("april-9", "2022-04-09", "2022-04-10"));
        page.put(
                "undated",
                new EventPicture("undated", null, null, Map.of(), List.of(), List.of(), List.of(), 1, List.of()));

        Map<String, String> groups = NarrativeTimeline.overlapGroups(List.copyOf(page.keySet()), page);

        assertThat(groups)
                .containsEntry("march", "march")
                .containsEntry("march-3", "march")
                .containsEntry("late-march", "march")
                .doesNotContainKeys("april-9", "undated");
    }

    private static EventPicture span(String eventId, String start, String end) {
        return new EventPicture(
                eventId,
                Instant.parse(start + "T00:00:00Z"),
                Instant.parse(end + "T00:00:00Z"),
                Map.of(),
                List.of(),
                List.of(),
                List.of(),
                1,
                List.of());
    }
}
