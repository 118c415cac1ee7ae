package org.parley.history.service.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.history.service.commands.LedgerFixtures.account;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;
import static org.parley.history.service.commands.LedgerFixtures.reportEvent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.history.contract.command.CorrectAccount;
import org.parley.history.contract.command.DefineNarrative;
import org.parley.history.contract.command.LinkEvents;
import org.parley.history.contract.command.RegisterSource;
import org.parley.history.contract.command.RetractAccount;
import org.parley.history.contract.command.ReviseNarrative;
import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.LinkRelation;
import org.parley.history.contract.value.Moment;
import org.parley.history.contract.value.NarrativeSelection;
import org.parley.history.contract.value.OccurredTime;
import org.parley.history.contract.value.Publication;
import org.parley.history.contract.value.SourceKind;
import org.parley.history.service.support.IntegrationTest;
import org.parley.history.service.support.TestUsers;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The newcomer's tour, end to end: HTTP in, PostgreSQL's event table out. */
class WriteApiIT extends IntegrationTest {

    @Test
    void conflicting_accounts_from_two_sources_are_both_kept_as_immutable_events_with_metadata() {
        String first = unique("charap-radchenko");
        String second = unique("bennett-interview");
        String talks = unique("istanbul-round");
        HttpHeaders headers = new HttpHeaders();
        headers.add("X-Correlation-Id", unique("tour"));
        headers.add("X-Command-Id", unique("cmd-1"));

        assertThat(post("/api/sources", registerSource(first), headers).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/sources", registerSource(second)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/events", reportEvent(talks, first)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        ResponseEntity<JsonNode> istanbul =
                post("/api/accounts", account(talks, unique("a-istanbul"), first, "Istanbul"));
        ResponseEntity<JsonNode> minsk = post("/api/accounts", account(talks, unique("a-minsk"), second, "Minsk"));

        assertThat(istanbul.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(istanbul.getBody().get("version").asLong()).isEqualTo(1);
        assertThat(minsk.getBody().get("version").asLong()).isEqualTo(2);

        List<Map<String, Object>> stored = jdbc.queryForList(
                "SELECT sequence_number, type, payload_type, payload_revision,"
                        + " convert_from(payload, 'UTF8') AS payload FROM domain_event_entry WHERE aggregate_identifier = ?"
                        + " ORDER BY sequence_number",
                talks);
        assertThat(stored)
                .extracting(row -> row.get("payload_type"))
                .containsExactly("DiplomaticEventReported", "AccountRecorded", "AccountRecorded");
        assertThat(stored).extracting(row -> row.get("payload_revision")).containsOnly("1");
        assertThat(stored).extracting(row -> row.get("type")).containsOnly("DiplomaticEvent");
        assertThat((String) stored.get(1).get("payload")).contains("\"place\":\"Istanbul\"");
        assertThat((String) stored.get(2).get("payload")).contains("\"place\":\"Minsk\"");

        JsonNode metadata = metadataOf(first);
        assertThat(metadata.get("recordedBy").asText()).isEqualTo(TESTER);
        assertThat(metadata.get("correlationId").asText()).isEqualTo(unique("tour"));
        assertThat(metadata.get("commandId").asText()).isEqualTo(unique("cmd-1"));
        assertThat(metadata.get("causationId").asText()).isNotBlank();
    }

    @Test
    void a_retried_command_writes_one_event_and_gets_the_same_answer() {
        String sourceId = unique("retried");
        ResponseEntity<JsonNode> first = post("/api/sources", registerSource(sourceId));
        ResponseEntity<JsonNode> again = post("/api/sources", registerSource(sourceId));

        assertThat(again.getStatusCode()).isEqualTo(first.getStatusCode());
        assertThat(again.getBody()).isEqualTo(first.getBody());
        assertThat(again.getHeaders().getFirst("Parley-Replayed")).isEqualTo("true");
        assertThat(eventsOf(sourceId)).isEqualTo(1);
    }

    @Test
    void every_command_of_the_domain_reaches_the_ledger() {
        String sourceId = unique("s");
        String republished = unique("s-republished");
        String eventId = unique("e");
        String otherEventId = unique("e-other");
        String accountId = unique("a");
        String narrativeId = unique("n");
        post("/api/sources", registerSource(sourceId));
        RegisterSource republication = new RegisterSource(
                republished,
                "Republished",
                "Responsible Statecraft",
                List.of(),
                SourceKind.ARTICLE,
                Publication.inferred("2024-06", "dated from the events it mentions"),
                null,
                "en",
                sourceId,
                List.of(sourceId));
        assertThat(post("/api/sources", republication).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        post("/api/events", reportEvent(eventId, sourceId));
        post("/api/events", reportEvent(otherEventId, sourceId));
        post("/api/accounts", account(eventId, accountId, sourceId, "Istanbul"));

        List<ResponseEntity<JsonNode>> answers = List.of(
                post(
                        "/api/corrections",
                        new CorrectAccount(
                                eventId,
                                accountId,
                                unique("c"),
                                Citation.of(republished, "¶2"),
                                new AccountClaims(
                                        OccurredTime.at("2022-03-30"), null, null, null, null, null, null, null),
                                Moment.of("2024-06-02"),
                                "the date was a day off",
                                1L)),
                post(
                        "/api/links",
                        new LinkEvents(
                                eventId,
                                unique("l"),
                                LinkRelation.PRECEDED,
                                otherEventId,
                                Citation.of(sourceId, "¶7"),
                                accountId,
                                null)),
                post(
                        "/api/retractions",
                        new RetractAccount(
                                eventId,
                                accountId,
                                unique("r"),
                                Citation.of(sourceId, "¶9"),
                                null,
                                "withdrawn by the outlet",
                                null)),
                post(
                        "/api/narratives",
                        new DefineNarrative(
                                narrativeId,
                                "Istanbul as the basis",
                                "The draft is where new talks start",
                                new NarrativeSelection(
                                        List.of(sourceId), List.of(), List.of(accountId), List.of(unique("l"))))),
                post(
                        "/api/narrative-revisions",
                        new ReviseNarrative(
                                narrativeId,
                                unique("rev"),
                                "Istanbul as the basis",
                                "Wider",
                                new NarrativeSelection(
                                        List.of(sourceId, republished),
                                        List.of("Foreign Affairs"),
                                        List.of(),
                                        List.of()),
                                0L)));

        assertThat(answers)
                .allSatisfy(answer -> assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED));
        assertThat(eventsOf(eventId)).isEqualTo(5);
        assertThat(eventsOf(narrativeId)).isEqualTo(2);
        assertThat(answers.get(4).getBody().get("version").asLong()).isEqualTo(1);
    }

    @Test
    void the_ledger_refuses_to_change_or_delete_a_stored_event() {
        String sourceId = unique("immutable");
        post("/api/sources", registerSource(sourceId));

        assertThatThrownBy(() -> jdbc.update(
                        "UPDATE domain_event_entry SET payload_type = 'x'" + " WHERE aggregate_identifier = ?",
                        sourceId))
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = ?", sourceId))
                .rootCause()
                .hasMessageContaining("append-only");
        assertThat(eventsOf(sourceId)).isEqualTo(1);
    }

    @Test
    void the_audit_listing_shows_one_aggregate_as_stored() {
        String sourceId = unique("listed");
        post("/api/sources", registerSource(sourceId));

        JsonNode page = http.getForObject("/api/ledger?aggregateId=" + sourceId, JsonNode.class);

        assertThat(page.get("entries")).hasSize(1);
        JsonNode entry = page.get("entries").get(0);
        assertThat(entry.get("type").asText()).isEqualTo("SourceRegistered");
        assertThat(entry.get("revision").asInt()).isEqualTo(1);
        assertThat(entry.get("payload").get("sourceId").asText()).isEqualTo(sourceId);
        assertThat(entry.get("metadata").get("recordedBy").asText()).isEqualTo(TESTER);
        assertThat(entry.get("recordedAt").asText()).isNotBlank();
    }

    @Test
    void the_audit_lists_what_each_principal_recorded_under_its_own_name() {
        String sourceId = unique("by-editor");
        TestRestTemplate editor = anonymous.withBasicAuth(TestUsers.EDITOR, TestUsers.passwordOf(TestUsers.EDITOR));
        editor.postForEntity("/api/sources", registerSource(sourceId), JsonNode.class);

        JsonNode audit = http.getForObject("/api/audit?recordedBy=" + TestUsers.EDITOR + "&limit=1000", JsonNode.class);

        assertThat(audit.get("entries")).anySatisfy(entry -> {
            assertThat(entry.get("aggregateId").asText()).isEqualTo(sourceId);
            assertThat(entry.get("recordedAt").asText()).isNotBlank();
        });
        assertThat(audit.get("entries")).allSatisfy(entry -> assertThat(
                        entry.get("metadata").get("recordedBy").asText())
                .isEqualTo(TestUsers.EDITOR));
    }

    @Test
    void a_recorder_named_in_the_body_is_refused_not_believed() {
        String body = "{\"sourceId\": \"" + unique("claims-recorder") + "\", \"title\": \"t\", \"kind\": \"ARTICLE\","
                + " \"publication\": {\"basis\": \"UNKNOWN\"}, \"recordedBy\": \"someone-else\"}";

        assertThat(post("/api/sources", body).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    private JsonNode metadataOf(String aggregateId) {
        String json = jdbc.queryForObject(
                "SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ? AND sequence_number = 0",
                String.class,
                aggregateId);
        try {
            return objectMapper.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
