package org.parley.history.service.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.history.service.commands.LedgerFixtures.account;
import static org.parley.history.service.commands.LedgerFixtures.correction;
import static org.parley.history.service.commands.LedgerFixtures.defineNarrative;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;
import static org.parley.history.service.commands.LedgerFixtures.reportEvent;
import static org.parley.history.service.commands.LedgerFixtures.retraction;
import static org.parley.history.service.commands.LedgerFixtures.sources;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.history.contract.command.CorrectFlag;
import org.parley.history.contract.command.FlagAccount;
import org.parley.history.contract.command.RecordAccount;
import org.parley.history.contract.command.RegisterSource;
import org.parley.history.contract.command.RetractFlag;
import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.OccurredTime;
import org.parley.history.contract.value.Publication;
import org.parley.history.service.seeding.SeedLoader;
import org.parley.history.service.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The analysts' five questions, over HTTP, about the seed dataset and a few facts of the test's own. */
class ReadSideIT extends IntegrationTest {

    @Autowired
    SeedLoader seeds;

    @BeforeEach
    void seedsLoadedAndRead() {
        seeds.load();
        awaitReadModel();
    }

    @Test
    void bennetts_account_of_his_mediation_counts_only_once_his_interview_was_published() {
        String bennett = "bennett-mediation.bennett-interview-2023";

        assertThat(accountsOf("west-blocked-settlement", "bennett-mediation", "2023-01-31"))
                .doesNotContain(bennett);
        assertThat(accountsOf("all-sources", "bennett-mediation", "2023-01-31"))
                .isNotEmpty()
                .doesNotContain(bennett);
        assertThat(historyIds("bennett-mediation", "2023-01-31")).doesNotContain(bennett);

        assertThat(accountsOf("west-blocked-settlement", "bennett-mediation", "2023-03-02"))
                .contains(bennett);
        assertThat(accountsOf("all-sources", "bennett-mediation", "2023-03-02")).contains(bennett);
        assertThat(historyIds("bennett-mediation", "2023-03-02")).contains(bennett);
    }

    @Test
    void a_source_known_only_to_the_month_counts_from_the_end_of_that_month_and_the_answer_says_so() {
        String seed004 = "talks-suspended.seed-004-receptive-to-russia-openness";

        assertThat(historyIds("talks-suspended", "2024-05-30")).doesNotContain(seed004);
        JsonNode history = get("/api/events/talks-suspended/history?asOf=2024-05-31");
        JsonNode entry = entryWithId(history.get("inReportedOrder"), seed004);

        assertThat(entry.get("reported").get("countsFrom").asText()).isEqualTo("2024-05-31T23:59:59.999999Z");
        assertThat(entry.get("reported").get("note").asText())
                .contains("2024-05")
                .contains("counts from the end of that month")
                .contains("inferred");
        assertThat(history.get("asOf").get("note").asText()).contains("end of 2024-05-31");
    }

    @Test
    void the_narratives_disagree_on_what_ended_the_talks_and_the_comparison_shows_both_sides_with_citations() {
        JsonNode comparison =
                get("/api/narratives/west-blocked-settlement/comparison?with=bucha-and-guarantees&asOf=2025-01-01");

        List<String> onlyWest = linkTriples(comparison.get("links").get("onlyLeft"));
        List<String> onlyBucha = linkTriples(comparison.get("links").get("onlyRight"));
        assertThat(onlyWest).contains("talks-suspended RESPONDED_TO kyiv-visit-johnson-2022-04");
        assertThat(onlyBucha)
                .contains("talks-suspended RESPONDED_TO bucha-irpin-atrocities-discovered")
                .doesNotContain("talks-suspended RESPONDED_TO kyiv-visit-johnson-2022-04");
        StreamSupport.stream(comparison.get("links").get("onlyRight").spliterator(), false)
                .forEach(link -> {
                    assertThat(link.get("citation").get("sourceId").asText()).isNotBlank();
                    assertThat(link.get("citation").get("locator").asText()).startsWith("seed ");
                });

        JsonNode suspended = entryWithField(comparison.get("shared"), "eventId", "talks-suspended");
        JsonNode occurred = suspended.get("fields").get("occurred");
        assertThat(occurred.get("comparison").asText()).isEqualTo("DISAGREED");
        assertThat(citedSources(occurred.get("left"))).contains("seed-002-archyde-negotiation-readiness");
        assertThat(citedSources(occurred.get("right"))).contains("seed-000-near-miss-peace-talks");
    }

    @Test
    void the_evolution_of_all_sources_from_2023_to_2025_shows_the_initialled_draft_appearing_in_june_2023() {
        JsonNode evolution = get("/api/narratives/all-sources/evolution?from=2022-12-31&to=2025-12-31&step=MONTH");

        JsonNode june = StreamSupport.stream(evolution.get("steps").spliterator(), false)
                .filter(step -> step.get("to").asText().startsWith("2023-06-30"))
                .findFirst()
                .orElseThrow();
        JsonNode appeared = StreamSupport.stream(june.get("changes").spliterator(), false)
                .filter(change -> change.get("change").asText().equals("EVENT_APPEARED")
                        && change.get("eventId").asText().equals("istanbul-draft-initialled"))
                .findFirst()
                .orElseThrow();
        assertThat(appeared.get("reported").asText()).isEqualTo("2023-06-13T23:59:59.999999Z");
        assertThat(citedSources(appeared.get("causes"))).containsExactly("putin-war-correspondents-2023-06");
        long appearances = StreamSupport.stream(evolution.get("steps").spliterator(), false)
                .flatMap(step -> StreamSupport.stream(step.get("changes").spliterator(), false))
                .filter(change -> change.get("change").asText().equals("EVENT_APPEARED")
                        && change.get("eventId").asText().equals("istanbul-draft-initialled"))
                .count();
        assertThat(appearances).isEqualTo(1);
    }

    @Test
    void a_republication_adds_a_report_but_not_an_independent_origin() {
        JsonNode before = timelineEntry("all-sources", "bennett-mediation", null);
        String republication = unique("bennett-republished");
        post("/api/sources", registerSource(republication, "bennett-interview-2023"));
        post("/api/accounts", account("bennett-mediation", unique("bennett-mediation.republished"), republication));
        awaitReadModel();

        JsonNode after = timelineEntry("all-sources", "bennett-mediation", null);
        assertThat(after.get("reports").asInt()).isEqualTo(before.get("reports").asInt() + 1);
        assertThat(after.get("independentOrigins").asInt())
                .isEqualTo(before.get("independentOrigins").asInt())
                .isLessThan(after.get("reports").asInt());
    }

    @Test
    void a_source_dated_before_what_it_describes_is_flagged_in_every_view() {
        String source = unique("dated-too-early");
        String event = unique("later-summit");
        post("/api/sources", registerSource(source)); // published 2024-04-16
        post("/api/events", reportEvent(event, source));
        post(
                "/api/accounts",
                new RecordAccount(
                        event,
                        unique("later-summit.account"),
                        Citation.of(source, "¶2"),
                        new AccountClaims(
                                OccurredTime.at("2025-08-15"), "Anchorage", null, null, null, null, null, null),
                        null));
        awaitReadModel();

        JsonNode entry = timelineEntry("all-sources", event, null);
        assertThat(entry.get("anomalies").get(0).get("kind").asText()).isEqualTo("PUBLISHED_BEFORE_OCCURRED");
        JsonNode sourceAnswer = get("/api/sources/" + source);
        assertThat(sourceAnswer.get("anomalies").get(0).get("kind").asText()).isEqualTo("PUBLISHED_BEFORE_OCCURRED");
    }

    @Test
    void seed_002s_alaska_summit_is_flagged_once_another_account_dating_the_summit_counts() {
        String seed002 = "trump-putin-alaska-summit.seed-002-archyde-negotiation-readiness";
        String wire = unique("alaska-wire");
        String dating = unique("trump-putin-alaska-summit.wire");
        RegisterSource published = registerSource(wire);
        post(
                "/api/sources",
                new RegisterSource(
                        wire,
                        published.title(),
                        published.outlet(),
                        published.authors(),
                        published.kind(),
                        Publication.stated("2025-08-15"),
                        published.url(),
                        published.language(),
                        null,
                        List.of()));
        post(
                "/api/accounts",
                new RecordAccount(
                        "trump-putin-alaska-summit",
                        dating,
                        Citation.of(wire, "¶1"),
                        new AccountClaims(
                                OccurredTime.at("2025-08-15"), "Anchorage, Alaska", null, null, null, null, null, null),
                        null));
        awaitReadModel();

        JsonNode flagged = timelineEntry("all-sources", "trump-putin-alaska-summit", "2025-09-01");
        assertThat(anomaliesOf(flagged.get("anomalies"), seed002)).containsExactly("DESCRIBES_LATER_EVENT");
        assertThat(anomalyDetail(flagged.get("anomalies"), seed002))
                .contains(dating)
                .contains("2025-08-15");
        JsonNode westSees = timelineEntry("west-blocked-settlement", "trump-putin-alaska-summit", "2025-09-01");
        assertThat(anomaliesOf(westSees.get("anomalies"), seed002))
                .as("a narrative that does not select the dating account still hears of what it reveals")
                .containsExactly("DESCRIBES_LATER_EVENT");
        assertThat(anomaliesOf(
                        get("/api/events/trump-putin-alaska-summit/history?asOf=2025-09-01")
                                .get("anomalies"),
                        seed002))
                .containsExactly("DESCRIBES_LATER_EVENT");
        JsonNode source = get("/api/sources/seed-002-archyde-negotiation-readiness?asOf=2025-09-01");
        assertThat(kinds(source.get("anomalies"))).contains("DESCRIBES_LATER_EVENT");
        assertThat(kinds(entryWithField(source.get("accounts"), "accountId", seed002)
                        .get("anomalies")))
                .contains("DESCRIBES_LATER_EVENT");

        JsonNode before = timelineEntry("all-sources", "trump-putin-alaska-summit", "2025-08-14");
        assertThat(anomaliesOf(before.get("anomalies"), seed002))
                .as("before the dating account counts, nothing reveals it")
                .doesNotContain("DESCRIBES_LATER_EVENT");
        assertThat(anomaliesOf(
                        get("/api/events/trump-putin-alaska-summit/history?asOf=2025-08-14")
                                .path("anomalies"),
                        seed002))
                .doesNotContain("DESCRIBES_LATER_EVENT");
        assertThat(kinds(get("/api/sources/seed-002-archyde-negotiation-readiness?asOf=2025-08-14")
                        .get("anomalies")))
                .doesNotContain("DESCRIBES_LATER_EVENT");

        assertThat(changesOf("west-blocked-settlement", "trump-putin-alaska-summit"))
                .as("the narrative feed says when the flag appeared, in a narrative without the dating account")
                .contains("ANOMALY_FLAGGED");
    }

    @Test
    void the_seeds_flag_seed_002s_alaska_summit_editorially_saying_what_outside_knowledge_it_rests_on() {
        JsonNode now = timelineEntry("all-sources", "trump-putin-alaska-summit", null);
        String seed002 = "trump-putin-alaska-summit.seed-002-archyde-negotiation-readiness";

        assertThat(anomaliesOf(now.get("anomalies"), seed002)).contains("EDITORIAL_FLAG");
        assertThat(anomalyDetail(now.get("anomalies"), seed002))
                .contains("15 August 2025")
                .contains("outside knowledge");
        assertThat(place(now)).as("the account stays as its source tells it").isEqualTo("Alaska");
    }

    @Test
    void an_editor_flags_an_account_in_every_view_and_corrects_and_retracts_the_flag_like_an_account() {
        String source = unique("flagged-source");
        String event = unique("flagged-event");
        String accountId = unique("flagged-event.account");
        String flagId = unique("flag");
        post("/api/sources", registerSource(source));
        post("/api/events", reportEvent(event, source));
        post("/api/accounts", account(event, accountId, source));
        Citation where = Citation.of(source, "¶4");

        ResponseEntity<JsonNode> withoutReason =
                post("/api/flags", new FlagAccount(event, accountId, flagId, where, " ", null));
        assertThat(withoutReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(withoutReason.getBody().get("field").asText()).isEqualTo("reason");
        ResponseEntity<JsonNode> flagged = post(
                "/api/flags",
                new FlagAccount(event, accountId, flagId, where, "the talks it dates were held a year later", null));
        assertThat(flagged.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        awaitReadModel();

        JsonNode entry = timelineEntry("all-sources", event, null);
        assertThat(anomaliesOf(entry.get("anomalies"), accountId)).containsExactly("EDITORIAL_FLAG");
        assertThat(anomalyDetail(entry.get("anomalies"), accountId)).contains("held a year later");
        assertThat(place(entry)).isEqualTo("Istanbul");
        JsonNode history = get("/api/events/" + event + "/history");
        assertThat(kinds(history.get("inRecordedOrder"))).containsExactly("ACCOUNT_RECORDED", "ACCOUNT_FLAGGED");
        assertThat(anomaliesOf(history.get("anomalies"), accountId)).containsExactly("EDITORIAL_FLAG");
        assertThat(kinds(get("/api/sources/" + source).get("anomalies"))).contains("EDITORIAL_FLAG");
        assertThat(changesOf("all-sources", event)).contains("ANOMALY_FLAGGED");

        post(
                "/api/flag-corrections",
                new CorrectFlag(event, flagId, flagId + ".c1", where, "the talks it dates were held in 2023", null));
        awaitReadModel();
        assertThat(anomalyDetail(timelineEntry("all-sources", event, null).get("anomalies"), accountId))
                .contains("held in 2023")
                .doesNotContain("a year later");

        post("/api/flag-retractions", new RetractFlag(event, flagId, flagId + ".r1", where, "misread", null));
        awaitReadModel();
        assertThat(anomaliesOf(timelineEntry("all-sources", event, null).get("anomalies"), accountId))
                .isEmpty();
        assertThat(kinds(get("/api/events/" + event + "/history").get("inRecordedOrder")))
                .containsExactly("ACCOUNT_RECORDED", "ACCOUNT_FLAGGED", "FLAG_CORRECTED", "FLAG_RETRACTED");
        assertThat(changesOf("all-sources", event)).contains("ANOMALY_FLAGGED", "ANOMALY_CLEARED");
    }

    @Test
    void corrections_and_retractions_count_only_once_reported_and_recorded_as_of_shows_what_parley_held() {
        String source = unique("corrected-source");
        String event = unique("corrected-event");
        String accountId = unique("corrected-event.account");
        post("/api/sources", registerSource(source)); // published 2024-04-16, account says Istanbul
        post("/api/events", reportEvent(event, source));
        post("/api/accounts", account(event, accountId, source));
        awaitReadModel();
        Instant beforeCorrection = Instant.now();
        awaitClockPast(beforeCorrection);
        post("/api/corrections", correction(event, accountId, unique("correction"), source)); // 2024-05-02: Antalya
        post("/api/retractions", retraction(event, accountId, unique("retraction"), source)); // 2024-06
        awaitReadModel();

        assertThat(place(timelineEntry("all-sources", event, "2024-05-01"))).isEqualTo("Istanbul");
        assertThat(place(timelineEntry("all-sources", event, "2024-05-02"))).isEqualTo("Antalya");
        assertThat(place(timelineEntry("all-sources", event, "2024-06-15"))).isEqualTo("Antalya");
        assertThat(entries("all-sources", event, "2024-06-30")).isEmpty();
        assertThat(place(timelineEntry("all-sources", event, "2024-06-15&recordedAsOf=" + beforeCorrection)))
                .isEqualTo("Istanbul");

        JsonNode history = get("/api/events/" + event + "/history");
        assertThat(kinds(history.get("inReportedOrder")))
                .containsExactly("ACCOUNT_RECORDED", "ACCOUNT_CORRECTED", "ACCOUNT_RETRACTED");
        JsonNode evolution = get("/api/narratives/all-sources/evolution?from=2024-04-01&to=2024-07-31");
        List<String> changes = new ArrayList<>();
        evolution.get("steps").get(0).get("changes").forEach(change -> {
            if (change.get("eventId").asText().equals(event)) {
                changes.add(change.get("change").asText()
                        + (change.has("field") ? " " + change.get("field").asText() : ""));
            }
        });
        assertThat(changes)
                .containsExactly(
                        "EVENT_APPEARED",
                        "ACCOUNT_CORRECTED",
                        "FIELD_CHANGED place",
                        "ACCOUNT_RETRACTED",
                        "EVENT_DISAPPEARED");
    }

    @Test
    void the_narrative_feed_says_what_each_write_changed_as_it_happened() {
        String first = unique("feed-first");
        String second = unique("feed-second");
        String event = unique("feed-round");
        String narrative = unique("feed-narrative");
        post("/api/sources", registerSource(first));
        post("/api/sources", registerSource(second));
        post("/api/events", reportEvent(event, first));
        post("/api/narratives", defineNarrative(narrative, sources(first, second)));
        awaitReadModel();
        post("/api/accounts", account(event, unique("feed-round.first"), first, "Istanbul"));
        awaitReadModel();
        post("/api/accounts", account(event, unique("feed-round.second"), second, "Antalya"));
        awaitReadModel();
        post("/api/retractions", retraction(event, unique("feed-round.second"), unique("feed-retraction"), second));
        awaitReadModel();

        JsonNode feed = get("/api/narratives/" + narrative + "/changes");
        List<String> changes = new ArrayList<>();
        feed.get("changes").forEach(entry -> {
            JsonNode change = entry.get("change");
            changes.add(change.get("change").asText()
                    + (change.has("field") ? " " + change.get("field").asText() : ""));
        });
        assertThat(changes)
                .containsExactly(
                        "NARRATIVE_DEFINED",
                        "EVENT_APPEARED",
                        "FIELD_DISPUTED place",
                        "ACCOUNT_RETRACTED",
                        "FIELD_CHANGED place");
        JsonNode disputed = feed.get("changes").get(2).get("change");
        assertThat(disputed.get("after").toString()).contains("Istanbul").contains("Antalya");
        assertThat(disputed.get("causes").get(0).get("sourceId").asText()).isEqualTo(second);
        assertThat(disputed.get("changeId").asText()).endsWith(":" + narrative + ":0");
        assertThat(changesOf("all-sources", event)).contains("EVENT_APPEARED", "FIELD_DISPUTED");
    }

    @Test
    void the_timeline_is_in_occurred_order_across_pages_and_marks_events_whose_order_is_unknown() {
        List<JsonNode> entries = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode page = get("/api/narratives/west-blocked-settlement/timeline?asOf=2025-06-30&limit=7"
                    + (after == null ? "" : "&after=" + after));
            page.get("entries").forEach(entries::add);
            after = page.has("nextPage") ? page.get("nextPage").asText() : null;
            pages++;
        } while (after != null);

        assertThat(pages).isGreaterThan(2);
        List<String> ids = entries.stream().map(e -> e.get("eventId").asText()).toList();
        assertThat(ids).doesNotHaveDuplicates().contains("bennett-mediation", "talks-suspended");
        List<String> starts = entries.stream()
                .filter(e -> e.has("occurredStart"))
                .map(e -> e.get("occurredStart").asText())
                .toList();
        assertThat(starts).isSorted();
        List<JsonNode> grouped =
                entries.stream().filter(e -> e.has("overlapGroup")).toList();
        assertThat(grouped).isNotEmpty();
        grouped.forEach(
                entry -> assertThat(ids).contains(entry.get("overlapGroup").asText()));
        JsonNode bennett = entries.get(ids.indexOf("bennett-mediation"));
        assertThat(bennett.get("reports").asInt()).isGreaterThan(1);
    }

    @Test
    void the_provenance_graph_shows_republication_and_retelling() {
        JsonNode graph = get("/api/sources?asOf=2025-01-01");

        List<String> edges = new ArrayList<>();
        graph.get("edges")
                .forEach(edge -> edges.add(edge.get("from").asText() + " "
                        + edge.get("relation").asText() + " " + edge.get("to").asText()));
        assertThat(edges)
                .contains(
                        "seed-001-global-research-snider REPUBLICATION_OF tac-snider-2023-08-16",
                        "seed-000-near-miss-peace-talks RESTS_ON fa-charap-radchenko-2024");
        JsonNode seed003 = get("/api/sources/seed-003-are-negotiations-possible");
        assertThat(seed003.get("anomalies").get(0).get("kind").asText()).isEqualTo("UNDATED_SOURCE");
        assertThat(seed003.get("source").get("reported").get("note").asText()).contains("publication time unknown");
        assertThat(seed003.get("accounts").size()).isGreaterThan(5);
    }

    @Test
    void questions_about_the_future_or_the_unknown_are_refused_with_the_field_named() {
        assertProblem("/api/narratives/all-sources/timeline?asOf=2999-01-01", HttpStatus.BAD_REQUEST, "asOf");
        assertProblem("/api/narratives/all-sources/timeline?asOf=last-week", HttpStatus.BAD_REQUEST, "asOf");
        assertProblem("/api/narratives/all-sources/timeline?limit=0", HttpStatus.BAD_REQUEST, "limit");
        assertProblem("/api/narratives/all-sources/timeline?after=nonsense", HttpStatus.BAD_REQUEST, "after");
        assertProblem("/api/narratives/no-such-narrative/timeline", HttpStatus.NOT_FOUND, "narrativeId");
        assertProblem("/api/events/no-such-event/history", HttpStatus.NOT_FOUND, "eventId");
        assertProblem(
                "/api/narratives/all-sources/evolution?from=2024-01-01&to=2023-01-01", HttpStatus.BAD_REQUEST, "to");
        assertProblem("/api/narratives/all-sources/comparison?with=nobody", HttpStatus.NOT_FOUND, "with");
    }

    /** Every kind of question the read side answers, about the seeds, with answers that fill a page. */
    private static final List<String> QUESTIONS = List.of(
            "/api/narratives/all-sources/timeline?asOf=2025-06-30&limit=500",
            "/api/narratives/west-blocked-settlement/timeline?asOf=2024-01-01",
            "/api/narratives/istanbul-as-basis/comparison?with=kremlin-initialled-draft-discarded&asOf=2025-01-01",
            "/api/narratives/all-sources/evolution?from=2022-01-01&to=2025-12-31&step=YEAR",
            "/api/events/talks-suspended/history?asOf=2025-01-01",
            "/api/sources?asOf=2025-01-01",
            "/api/sources/seed-001-global-research-snider?asOf=2025-01-01",
            "/api/narratives");

    @Test
    void every_question_asked_during_a_rebuild_is_answered_by_the_version_before_it_and_the_same_after() {
        Map<String, String> before = new LinkedHashMap<>();
        QUESTIONS.forEach(question -> before.put(question, body(question)));
        int answering = get("/api/rebuilds/current").get("version").asInt();

        // held to a rate at which the seeds take about five seconds, so that questions meet it under way
        long rate = Math.max(1, ledgerHead() / 5);
        ResponseEntity<JsonNode> started =
                http.postForEntity("/api/rebuilds?maxEventsPerSecond=" + rate, null, JsonNode.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(started.getBody().get("buildingVersion").asInt()).isGreaterThan(answering);
        int building = started.getBody().get("buildingVersion").asInt();

        int answeredDuring = 0;
        while (get("/api/rebuilds/current").get("state").asText().equals("REBUILDING")) {
            for (String question : QUESTIONS) {
                ResponseEntity<String> response = http.getForEntity(question, String.class);
                String version = response.getHeaders().getFirst("Parley-Read-Model-Version");
                assertThat(response.getStatusCode()).as(question).isEqualTo(HttpStatus.OK);
                // the takeover may come between two questions: then the new version answers, the same
                assertThat(version).as(question).isIn(Integer.toString(answering), Integer.toString(building));
                assertThat(response.getBody()).as(question).isEqualTo(before.get(question));
                if (version.equals(Integer.toString(answering))) {
                    answeredDuring++;
                }
            }
            JsonNode progress = get("/api/rebuilds/current");
            assertThat(progress.get("eventsTotal").asLong()).isEqualTo(ledgerHead());
            assertThat(progress.get("version").asInt()).isIn(answering, building);
            assertThat(metric("parley.read_model.rebuild.events_total")).isEqualTo(ledgerHead());
        }
        assertThat(answeredDuring)
                .as("questions the old version answered while the new one was built")
                .isGreaterThanOrEqualTo(QUESTIONS.size());

        awaitReadModel();
        JsonNode done = get("/api/rebuilds/current");
        assertThat(done.get("version").asInt()).isEqualTo(building);
        assertThat(metric("parley.read_model.version")).isEqualTo(building);
        assertThat(metric("parley.read_model.rebuild.events_done")).isEqualTo(ledgerHead());
        assertThat(done.has("buildingVersion") && !done.get("buildingVersion").isNull())
                .isFalse();
        for (String question : QUESTIONS) {
            ResponseEntity<String> response = http.getForEntity(question, String.class);
            assertThat(response.getHeaders().getFirst("Parley-Read-Model-Version"))
                    .isEqualTo(Integer.toString(building));
            assertThat(response.getBody()).as(question).isEqualTo(before.get(question));
        }
        // the old version is dropped after the takeover's commit
        Awaitility.await("the old version dropped")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(jdbc.queryForList(
                                "SELECT nspname FROM pg_namespace WHERE nspname ~ '^read_v[0-9]+$'", String.class))
                        .containsExactly(ReadModelVersions.schema(building)));
    }

    @Test
    void a_rebuild_shows_its_progress_and_gives_byte_identical_answers() {
        List<String> questions = QUESTIONS;
        List<String> before = questions.stream().map(this::body).toList();

        ResponseEntity<JsonNode> started = http.postForEntity("/api/rebuilds", null, JsonNode.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(started.getBody().get("eventsTotal").asLong()).isEqualTo(ledgerHead());
        awaitReadModel();
        JsonNode done = get("/api/rebuilds/current");
        assertThat(done.get("state").asText()).isEqualTo("CURRENT");
        assertThat(done.get("eventsDone").asLong()).isEqualTo(ledgerHead());
        assertThat(done.get("eventsPerSecond").asDouble()).isPositive();

        List<String> after = questions.stream().map(this::body).toList();
        for (int i = 0; i < questions.size(); i++) {
            assertThat(after.get(i)).as(questions.get(i)).isEqualTo(before.get(i));
        }
    }

    // --- helpers

    private List<String> changesOf(String narrative, String eventId) {
        List<String> kinds = new ArrayList<>();
        Long after = 0L;
        while (after != null) {
            JsonNode page = get("/api/narratives/" + narrative + "/changes?limit=1000&after=" + after);
            page.get("changes").forEach(entry -> {
                if (eventId.equals(entry.get("change").path("eventId").asText())) {
                    kinds.add(entry.get("change").get("change").asText());
                }
            });
            after = page.has("nextPage") ? page.get("nextPage").asLong() : null;
        }
        return kinds;
    }

    /** Until the clock is in a later millisecond, so that whatever is recorded next is recorded after {@code t}. */
    private static void awaitClockPast(Instant t) {
        Awaitility.await("the clock past " + t)
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(1))
                .until(() -> Instant.now().toEpochMilli() > t.toEpochMilli());
    }

    private double metric(String name) {
        return get("/actuator/metrics/" + name)
                .get("measurements")
                .get(0)
                .get("value")
                .asDouble();
    }

    private JsonNode get(String path) {
        ResponseEntity<JsonNode> response = http.getForEntity(path, JsonNode.class);
        assertThat(response.getStatusCode())
                .as(path + " → " + response.getBody())
                .isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private String body(String path) {
        ResponseEntity<String> response = http.getForEntity(path, String.class);
        assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private void assertProblem(String path, HttpStatus status, String field) {
        ResponseEntity<JsonNode> response = http.getForEntity(path, JsonNode.class);
        assertThat(response.getStatusCode()).as(path).isEqualTo(status);
        assertThat(response.getBody().get("field").asText()).as(path).isEqualTo(field);
    }

    private List<JsonNode> entries(String narrative, String eventId, String asOf) {
        List<JsonNode> found = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = get("/api/narratives/" + narrative + "/timeline?limit=500"
                    + (asOf == null ? "" : "&asOf=" + asOf)
                    + (after == null ? "" : "&after=" + after));
            page.get("entries").forEach(entry -> {
                if (entry.get("eventId").asText().equals(eventId)) {
                    found.add(entry);
                }
            });
            after = page.has("nextPage") ? page.get("nextPage").asText() : null;
        } while (after != null);
        return found;
    }

    private JsonNode timelineEntry(String narrative, String eventId, String asOf) {
        List<JsonNode> found = entries(narrative, eventId, asOf);
        assertThat(found).as(eventId + " in " + narrative + " as of " + asOf).hasSize(1);
        return found.get(0);
    }

    private List<String> accountsOf(String narrative, String eventId, String asOf) {
        List<String> accounts = new ArrayList<>();
        entries(narrative, eventId, asOf).forEach(entry -> entry.get("accounts")
                .forEach(a -> accounts.add(a.get("accountId").asText())));
        return accounts;
    }

    private List<String> historyIds(String eventId, String asOf) {
        List<String> ids = new ArrayList<>();
        get("/api/events/" + eventId + "/history?asOf=" + asOf)
                .get("inRecordedOrder")
                .forEach(entry -> ids.add(entry.get("id").asText()));
        return ids;
    }

    private static JsonNode entryWithId(JsonNode entries, String id) {
        return entryWithField(entries, "id", id);
    }

    private static JsonNode entryWithField(JsonNode entries, String field, String value) {
        return StreamSupport.stream(entries.spliterator(), false)
                .filter(entry -> entry.get(field).asText().equals(value))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + field + " " + value + " in " + entries));
    }

    private static List<String> linkTriples(JsonNode links) {
        List<String> triples = new ArrayList<>();
        links.forEach(link -> triples.add(link.get("from").asText() + " "
                + link.get("relation").asText() + " " + link.get("to").asText()));
        return triples;
    }

    /** The sources cited by a field view (its values' citations) or by a list of citations. */
    private static List<String> citedSources(JsonNode node) {
        List<String> sources = new ArrayList<>();
        if (node.has("values")) {
            node.get("values").forEach(value -> value.get("citations")
                    .forEach(citation -> sources.add(citation.get("sourceId").asText())));
        } else {
            node.forEach(citation -> sources.add(citation.get("sourceId").asText()));
        }
        return sources;
    }

    private static String place(JsonNode entry) {
        JsonNode values = entry.get("fields").get("place").get("values");
        assertThat(values).hasSize(1);
        return values.get(0).get("value").asText();
    }

    /** The anomaly kinds an answer's anomaly list gives one account. */
    private static List<String> anomaliesOf(JsonNode anomalies, String accountId) {
        return anomalyFields(anomalies, accountId, "kind");
    }

    private static String anomalyDetail(JsonNode anomalies, String accountId) {
        return String.join("\n", anomalyFields(anomalies, accountId, "detail"));
    }

    private static List<String> anomalyFields(JsonNode anomalies, String accountId, String field) {
        return StreamSupport.stream(anomalies.spliterator(), false)
                .filter(anomaly -> anomaly.get("accountId").asText().equals(accountId))
                .map(anomaly -> anomaly.get(field).asText())
                .toList();
    }

    private static List<String> kinds(JsonNode entries) {
        List<String> kinds = new ArrayList<>();
        entries.forEach(entry -> kinds.add(entry.get("kind").asText()));
        return kinds;
    }
}
