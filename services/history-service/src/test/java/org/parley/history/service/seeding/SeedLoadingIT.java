package org.parley.history.service.seeding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.history.service.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The seeds load through the ledger's own commands, idempotently, with their anomalies flagged. */
class SeedLoadingIT extends IntegrationTest {

    @Autowired
    SeedLoader loader;

    @Test
    void loading_the_seeds_twice_leaves_the_ledger_unchanged_the_second_time() {
        SeedLoader.SeedReport first = loader.load();
        long afterFirst = ledgerSize();
        SeedLoader.SeedReport second = loader.load();

        assertThat(first.refused()).isEmpty();
        assertThat(first.commands()).isEqualTo(SeedDataset.commands().size());
        assertThat(second.written()).isZero();
        assertThat(second.alreadyThere()).isEqualTo(second.commands());
        assertThat(ledgerSize()).isEqualTo(afterFirst);
    }

    @Test
    void the_sources_disagree_on_the_year_of_russias_security_proposals() {
        loader.load();

        assertThat(claimed("russia-security-proposals.seed-001-global-research-snider", "occurred,from,value"))
                .isEqualTo("2021-12-17");
        assertThat(claimed("russia-security-proposals.seed-003-are-negotiations-possible", "occurred,from,value"))
                .isEqualTo("2022-12-17");
    }

    @Test
    void the_sources_disagree_on_when_the_talks_were_suspended() {
        loader.load();

        assertThat(claimed("talks-suspended.seed-000-near-miss-peace-talks", "occurred,from,value"))
                .isEqualTo("2022-05");
        assertThat(claimed("talks-suspended.seed-002-archyde-negotiation-readiness", "occurred,from,value"))
                .isEqualTo("2022-04");
    }

    @Test
    void the_first_round_is_dated_four_days_after_the_invasion_as_seed_000_retells_it() {
        loader.load();

        assertThat(claimed("belarus-round-1.fa-charap-radchenko-2024", "occurred,from,value"))
                .isEqualTo("2022-02-28");
        assertThat(claimed("russian-invasion-2022-02-24.seed-000-near-miss-peace-talks", "occurred,from,value"))
                .isEqualTo("2022-02-24");
    }

    @Test
    void the_sources_disagree_on_where_the_second_round_was_held() {
        loader.load();

        assertThat(claimed("belarus-round-2.seed-000-near-miss-peace-talks", "place"))
                .contains("Kamianyuk");
        assertThat(claimed("belarus-round-2.seed-001-global-research-snider", "place"))
                .contains("Belarus-Ukraine border")
                .doesNotContain("Kamianyuk");
    }

    @Test
    void the_sources_disagree_on_what_ended_the_talks() {
        loader.load();

        assertThat(causesOfTheSuspensionAccordingTo("seed-000-near-miss-peace-talks"))
                .contains("bucha-irpin-atrocities-discovered")
                .doesNotContain("kyiv-visit-johnson-2022-04");
        assertThat(causesOfTheSuspensionAccordingTo("seed-001-global-research-snider"))
                .containsExactly("kyiv-visit-johnson-2022-04");
        assertThat(causesOfTheSuspensionAccordingTo("putin-war-correspondents-2023-06"))
                .containsExactly("kyiv-discards-istanbul-draft");
    }

    @Test
    void the_undated_source_is_flagged_on_every_account_it_gives() {
        SeedLoader.SeedReport report = loader.load();

        long undatedAccounts = SeedDataset.commandsOfType("RecordAccount").stream()
                .filter(a -> a.get("citation").get("sourceId").asText().equals("seed-003-are-negotiations-possible"))
                .count();
        assertThat(report.anomalies())
                .filteredOn(a -> a.contains(".seed-003-are-negotiations-possible: UNDATED_SOURCE"))
                .hasSize((int) undatedAccounts);
        assertThat(undatedAccounts).isPositive();
    }

    @Test
    void the_seeds_are_recorded_by_the_seed_loader() {
        loader.load();

        String recorder = jdbc.queryForObject(
                "SELECT convert_from(meta_data, 'UTF8')::json ->> 'recordedBy'"
                        + " FROM domain_event_entry WHERE aggregate_identifier LIKE 'seed-00%' LIMIT 1",
                String.class);
        assertThat(recorder).isEqualTo(SeedLoader.RECORDER);
    }

    private String claimed(String accountId, String path) {
        return jdbc.queryForObject(
                "SELECT convert_from(payload, 'UTF8')::json -> 'claims' #>> ?::text[]"
                        + " FROM domain_event_entry WHERE payload_type = 'AccountRecorded'"
                        + " AND convert_from(payload, 'UTF8')::json ->> 'accountId' = ?",
                String.class,
                "{" + path + "}",
                accountId);
    }

    private List<String> causesOfTheSuspensionAccordingTo(String sourceId) {
        return jdbc.queryForList(
                "SELECT convert_from(payload, 'UTF8')::json ->> 'targetEventId'"
                        + " FROM domain_event_entry WHERE aggregate_identifier = 'talks-suspended'"
                        + " AND payload_type = 'EventsLinked'"
                        + " AND convert_from(payload, 'UTF8')::json ->> 'relation' = 'RESPONDED_TO'"
                        + " AND convert_from(payload, 'UTF8')::json -> 'citation' ->> 'sourceId' = ?"
                        + " ORDER BY 1",
                String.class,
                sourceId);
    }
}
