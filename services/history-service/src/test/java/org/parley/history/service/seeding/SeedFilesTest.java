package org.parley.history.service.seeding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The seed dataset is well formed and whole before anything loads it. */
class SeedFilesTest {

    private static final JsonSchema SCHEMA =
            JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(SeedDataset.schema());

    static Stream<Path> seedFiles() {
        return SeedDataset.files().stream();
    }

    @ParameterizedTest
    @MethodSource("seedFiles")
    void every_seed_file_follows_the_schema(Path file) {
        Set<ValidationMessage> violations = SCHEMA.validate(SeedDataset.read(file));

        assertThat(violations).as(file.getFileName().toString()).isEmpty();
    }

    @Test
    void the_schema_refuses_an_account_without_a_citation() throws Exception {
        JsonNode broken = new ObjectMapper()
                .readTree(
                        """
                [{"type": "RecordAccount", "eventId": "e", "accountId": "a", "claims": {"place": "Istanbul"}}]
                """);

        assertThat(SCHEMA.validate(broken)).isNotEmpty();
    }

    @Test
    void the_dataset_has_the_history_the_articles_tell() {
        assertThat(SeedDataset.commandsOfType("ReportDiplomaticEvent")).hasSizeGreaterThanOrEqualTo(30);
        assertThat(SeedDataset.commandsOfType("DefineNarrative")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(ids("RegisterSource", "sourceId"))
                .filteredOn(id -> id.startsWith("seed-00"))
                .hasSize(5);
    }

    @Test
    void every_citation_names_a_source_of_the_dataset() {
        Set<String> sources = ids("RegisterSource", "sourceId");

        assertThat(SeedDataset.commands())
                .filteredOn(command -> command.has("citation"))
                .allSatisfy(command -> assertThat(sources)
                        .contains(command.get("citation").get("sourceId").asText()));
    }

    @Test
    void provenance_points_at_sources_registered_earlier() {
        Set<String> earlier = new HashSet<>();
        for (JsonNode source : SeedDataset.commandsOfType("RegisterSource")) {
            if (source.has("republicationOf")) {
                assertThat(earlier).contains(source.get("republicationOf").asText());
            }
            source.path("restsOn").forEach(target -> assertThat(earlier).contains(target.asText()));
            earlier.add(source.get("sourceId").asText());
        }
    }

    @Test
    void every_account_belongs_to_an_event_of_the_dataset_and_is_the_only_one_of_its_source() {
        Set<String> events = ids("ReportDiplomaticEvent", "eventId");
        Set<String> sourceAndEvent = new HashSet<>();

        for (JsonNode account : SeedDataset.commandsOfType("RecordAccount")) {
            assertThat(events).contains(account.get("eventId").asText());
            assertThat(sourceAndEvent.add(
                            account.get("citation").get("sourceId").asText() + " on "
                                    + account.get("eventId").asText()))
                    .as(account.get("accountId").asText())
                    .isTrue();
        }
    }

    @Test
    void every_link_joins_two_events_and_names_an_account_of_its_own_event() {
        Set<String> events = ids("ReportDiplomaticEvent", "eventId");
        Map<String, String> accountEvents = new HashMap<>();
        SeedDataset.commandsOfType("RecordAccount")
                .forEach(account -> accountEvents.put(
                        account.get("accountId").asText(),
                        account.get("eventId").asText()));

        for (JsonNode link : SeedDataset.commandsOfType("LinkEvents")) {
            assertThat(events)
                    .contains(
                            link.get("eventId").asText(),
                            link.get("targetEventId").asText());
            if (link.has("accountId")) {
                assertThat(accountEvents.get(link.get("accountId").asText()))
                        .isEqualTo(link.get("eventId").asText());
            }
        }
    }

    @Test
    void narratives_select_only_what_the_dataset_holds() {
        Set<String> sources = ids("RegisterSource", "sourceId");
        Set<String> accounts = ids("RecordAccount", "accountId");
        Set<String> links = ids("LinkEvents", "linkId");

        for (JsonNode narrative : SeedDataset.commandsOfType("DefineNarrative")) {
            JsonNode selection = narrative.get("selection");
            selection.path("sourceIds").forEach(id -> assertThat(sources).contains(id.asText()));
            selection.path("accountIds").forEach(id -> assertThat(accounts).contains(id.asText()));
            selection.path("linkIds").forEach(id -> assertThat(links).contains(id.asText()));
        }
    }

    @Test
    void ids_are_unique_and_aggregates_share_one_id_space() {
        List<String> aggregateIds = Stream.of(
                        SeedDataset.commandsOfType("RegisterSource").stream()
                                .map(c -> c.get("sourceId").asText()),
                        SeedDataset.commandsOfType("ReportDiplomaticEvent").stream()
                                .map(c -> c.get("eventId").asText()),
                        SeedDataset.commandsOfType("DefineNarrative").stream()
                                .map(c -> c.get("narrativeId").asText()))
                .flatMap(s -> s)
                .toList();

        assertThat(aggregateIds).doesNotHaveDuplicates();
        assertThat(SeedDataset.commandsOfType("RecordAccount"))
                .extracting(c -> c.get("accountId").asText())
                .doesNotHaveDuplicates();
        assertThat(SeedDataset.commandsOfType("LinkEvents"))
                .extracting(c -> c.get("linkId").asText())
                .doesNotHaveDuplicates();
    }

    @Test
    void every_listed_disagreement_is_in_the_accounts_as_listed_and_really_disagrees() {
        Map<String, JsonNode> accounts = new HashMap<>();
        SeedDataset.commandsOfType("RecordAccount")
                .forEach(a -> accounts.put(a.get("accountId").asText(), a));
        Map<String, JsonNode> links = new HashMap<>();
        SeedDataset.commandsOfType("LinkEvents")
                .forEach(l -> links.put(l.get("linkId").asText(), l));

        JsonNode disagreements = SeedDataset.disagreements().get("disagreements");
        assertThat(disagreements).hasSizeGreaterThanOrEqualTo(4);
        for (JsonNode disagreement : disagreements) {
            String field = disagreement.get("field").asText();
            Set<String> values = new HashSet<>();
            for (JsonNode side : disagreement.get("sides")) {
                String recorded = "link".equals(field)
                        ? links.get(side.get("linkId").asText())
                                .get("targetEventId")
                                .asText()
                        : claimed(accounts.get(side.get("accountId").asText()), field);
                assertThat(recorded)
                        .as(disagreement.get("name").asText())
                        .isEqualTo(side.get("value").asText());
                values.add(recorded);
            }
            assertThat(values).as(disagreement.get("name").asText()).hasSizeGreaterThan(1);
        }
    }

    @Test
    void every_listed_anomaly_names_a_source_of_the_dataset() {
        Set<String> sources = ids("RegisterSource", "sourceId");

        assertThat(SeedDataset.disagreements().get("anomalies")).isNotEmpty().allSatisfy(anomaly -> assertThat(sources)
                .contains(anomaly.get("sourceId").asText()));
    }

    /** The value an account gives a field, as the dataset's disagreement list writes it. */
    static String claimed(JsonNode account, String field) {
        JsonNode claims = account.get("claims");
        if ("occurred".equals(field)) {
            return claims.get("occurred").get("from").get("value").asText();
        }
        JsonNode value = claims.get(field);
        return value == null ? null : value.isArray() ? value.toString() : value.asText();
    }

    private static Set<String> ids(String type, String field) {
        Set<String> ids = new HashSet<>();
        SeedDataset.commandsOfType(type)
                .forEach(command -> ids.add(command.get(field).asText()));
        return ids;
    }
}
