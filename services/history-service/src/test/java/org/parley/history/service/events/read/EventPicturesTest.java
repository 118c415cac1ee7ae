package org.parley.history.service.events.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.parley.history.contract.event.SourceRegistered;
import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.OccurredTime;
import org.parley.history.contract.value.Publication;
import org.parley.history.contract.value.SourceKind;
import org.parley.history.service.events.read.AccountRows.FactRow;
import org.parley.history.service.events.read.AccountRows.VersionRow;
import org.parley.history.service.events.read.EventPictures.EventPicture;
import org.parley.history.service.events.read.ReadViews.FieldStatus;
import org.parley.history.service.readmodel.ReportedTime;
import org.parley.history.service.sources.read.SourceRows.SourceRow;

class EventPicturesTest {

    private static final Instant PUBLISHED = Instant.parse("2024-04-16T23:59:59.999999Z");

    private final EventPictures pictures = new EventPictures(new ObjectMapper().findAndRegisterModules());
    private final Map<Long, FactRow> facts = new HashMap<>();
    private final Map<String, SourceRow> sources = new HashMap<>();

    @Test
    void accounts_that_disagree_show_every_value_with_its_citation_and_flag_the_conflict() {
        VersionRow kamianyuk = account(1, "seed-000", "Kamianyuk", List.of("Ukraine", "Russia"));
        VersionRow border = account(2, "seed-001", "Belarus-Ukraine border", List.of("Russia", "Ukraine"));

        EventPicture picture = pictures.picture("round-2", List.of(kamianyuk, border), facts, sources);

        assertThat(picture.conflicts()).containsExactly("place");
        assertThat(picture.fields().get("place").status()).isEqualTo(FieldStatus.DISPUTED);
        assertThat(picture.fields().get("place").values())
                .extracting(v -> v.citations().get(0).sourceId())
                .containsExactly("seed-000", "seed-001");
        assertThat(picture.fields().get("participants").status())
                .as("the same participants in another order agree")
                .isEqualTo(FieldStatus.AGREED);
        assertThat(picture.reports()).isEqualTo(2);
    }

    @Test
    void a_republication_or_a_retelling_of_another_reporter_is_no_independent_origin() {
        source("original", null);
        source("republication", "original");
        source("retelling", null, "original");
        source("other", null);

        assertThat(EventPictures.independentOrigins(
                        new TreeSet<>(List.of("original", "republication", "retelling", "other")), sources))
                .containsExactly(List.of("original"), List.of("other"));
    }

    @Test
    void reporters_resting_on_the_same_sources_that_do_not_report_the_event_count_once() {
        source("interview", null);
        source("first-retelling", null, "interview");
        source("second-retelling", null, "interview");

        assertThat(EventPictures.independentOrigins(
                        new TreeSet<>(List.of("first-retelling", "second-retelling")), sources))
                .containsExactly(List.of("interview"));
    }

    private VersionRow account(long sequence, String sourceId, String place, List<String> participants) {
        AccountClaims claims =
                new AccountClaims(OccurredTime.at("2022-03-03"), place, participants, null, null, null, null, null);
        facts.put(
                sequence,
                new FactRow(
                        sequence,
                        AccountFact.Kind.RECORDED,
                        "account-" + sequence,
                        "account-" + sequence,
                        "round-2",
                        sourceId,
                        Citation.of(sourceId, "¶" + sequence),
                        claims,
                        null,
                        PUBLISHED,
                        "published 2024-04-16",
                        PUBLISHED,
                        "editor"));
        source(sourceId, null);
        return new VersionRow(
                "account-" + sequence,
                "round-2",
                sourceId,
                Instant.parse("2022-03-03T00:00:00Z"),
                Instant.parse("2022-03-04T00:00:00Z"),
                PUBLISHED,
                ReportedTime.OPEN,
                false,
                List.of(sequence),
                List.of(sequence),
                List.of(),
                "Outlet");
    }

    private void source(String sourceId, String republicationOf, String... restsOn) {
        TreeSet<String> ancestors = new TreeSet<>(List.of(restsOn));
        TreeSet<String> origins = new TreeSet<>();
        if (republicationOf != null) {
            ancestors.add(republicationOf);
        }
        for (String basis : ancestors.toArray(String[]::new)) {
            ancestors.addAll(sources.get(basis).ancestors());
            origins.addAll(sources.get(basis).origins());
        }
        if (ancestors.isEmpty()) {
            origins.add(sourceId);
        }
        sources.put(
                sourceId,
                new SourceRow(
                        new SourceRegistered(
                                sourceId,
                                sourceId,
                                "Outlet",
                                List.of(),
                                SourceKind.ARTICLE,
                                Publication.stated("2024-04-16"),
                                null,
                                "en",
                                republicationOf,
                                List.of(restsOn)),
                        PUBLISHED,
                        "published 2024-04-16",
                        List.copyOf(ancestors),
                        List.copyOf(origins),
                        PUBLISHED));
    }
}
