package org.parley.history.service.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.history.service.commands.LedgerFixtures.account;
import static org.parley.history.service.commands.LedgerFixtures.expecting;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;
import static org.parley.history.service.commands.LedgerFixtures.reportEvent;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.history.contract.command.RegisterSource;
import org.parley.history.service.support.IntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Every kind of bad input gets a problem response naming the field, and writes nothing. */
class BadInputIT extends IntegrationTest {

    @LocalServerPort
    int port;

    private String sourceId;
    private String eventId;

    @BeforeEach
    void aSourceAndAnEvent() {
        sourceId = unique("source");
        eventId = unique("event");
        post("/api/sources", registerSource(sourceId));
        post("/api/events", reportEvent(eventId, sourceId));
    }

    @Test
    void an_account_without_a_citation_is_refused() {
        String body =
                """
                {"eventId": "%s", "accountId": "%s", "claims": {"place": "Istanbul"}}
                """
                        .formatted(eventId, unique("a"));

        assertRefusedWithoutWriting(() -> post("/api/accounts", body), HttpStatus.BAD_REQUEST, "citation");
    }

    @Test
    void a_citation_of_an_unknown_source_is_refused() {
        assertRefusedWithoutWriting(
                () -> post("/api/accounts", account(eventId, unique("a"), "no-such-source", "Istanbul")),
                HttpStatus.UNPROCESSABLE_ENTITY,
                "citation.sourceId");
    }

    @Test
    void an_occurred_range_whose_end_precedes_its_start_is_refused() {
        String body =
                """
                {"eventId": "%s", "accountId": "%s", "citation": {"sourceId": "%s", "locator": "¶3"},
                 "claims": {"occurred": {"from": {"value": "2022-03-29"}, "to": {"value": "2022-03-10"}}}}
                """
                        .formatted(eventId, unique("a"), sourceId);

        ResponseEntity<JsonNode> answer = assertRefusedWithoutWriting(
                () -> post("/api/accounts", body), HttpStatus.BAD_REQUEST, "claims.occurred");
        assertThat(answer.getBody().get("detail").asText()).contains("before it starts");
    }

    @Test
    void an_unknown_event_kind_is_refused_with_the_kinds_that_exist() {
        String body =
                """
                {"eventId": "%s", "kind": "PARTY", "title": "t", "citation": {"sourceId": "%s", "locator": "1"}}
                """
                        .formatted(unique("e"), sourceId);

        ResponseEntity<JsonNode> answer =
                assertRefusedWithoutWriting(() -> post("/api/events", body), HttpStatus.BAD_REQUEST, "kind");
        assertThat(answer.getBody().get("detail").asText()).contains("TALKS_ROUND", "CEASEFIRE");
    }

    @Test
    void a_field_the_command_does_not_have_is_refused_not_ignored() {
        String body =
                """
                {"eventId": "%s", "accountId": "%s", "citation": {"sourceId": "%s", "locator": "¶3"},
                 "claims": {"place": "Istanbul", "ocurred": "2022"}}
                """
                        .formatted(eventId, unique("a"), sourceId);

        assertRefusedWithoutWriting(() -> post("/api/accounts", body), HttpStatus.BAD_REQUEST, "claims.ocurred");
    }

    @Test
    void a_malformed_moment_names_its_field() {
        String body =
                """
                {"eventId": "%s", "accountId": "%s", "citation": {"sourceId": "%s", "locator": "¶3"},
                 "claims": {"occurred": {"from": {"precision": "DAY", "value": "2022-02-30"}}}}
                """
                        .formatted(eventId, unique("a"), sourceId);

        assertRefusedWithoutWriting(() -> post("/api/accounts", body), HttpStatus.BAD_REQUEST, "claims.occurred.from");
    }

    @Test
    void a_value_of_the_wrong_json_type_names_its_field_and_the_type_expected() {
        String body =
                """
                {"eventId": "%s", "accountId": "%s", "citation": {"sourceId": "%s", "locator": "¶3"},
                 "claims": {"place": "Istanbul", "participants": "Ukraine"}}
                """
                        .formatted(eventId, unique("a"), sourceId);

        ResponseEntity<JsonNode> answer = assertRefusedWithoutWriting(
                () -> post("/api/accounts", body), HttpStatus.BAD_REQUEST, "claims.participants");
        assertThat(answer.getBody().get("detail").asText()).contains("must be an array");
    }

    @Test
    void an_import_line_nested_deeper_than_the_limit_is_refused_naming_the_limit() {
        String line = "{\"type\": \"RegisterSource\", \"title\": " + "[".repeat(40) + "]".repeat(40) + "}";
        HttpHeaders ndjson = new HttpHeaders();
        ndjson.setContentType(MediaType.parseMediaType("application/x-ndjson"));
        long before = ledgerSize();

        JsonNode problem = post("/api/import", line + "\n", ndjson)
                .getBody()
                .get("results")
                .get(0)
                .get("problem");

        assertThat(problem.get("type").asText()).isEqualTo("urn:parley:problem:limit-exceeded");
        assertThat(problem.get("limit").asText()).isEqualTo("nesting depth 32");
        assertThat(ledgerSize()).isEqualTo(before);
    }

    @Test
    void a_body_that_is_not_json_is_refused() {
        ResponseEntity<JsonNode> answer = assertRefusedWithoutWriting(
                () -> post("/api/sources", "{\"sourceId\": "), HttpStatus.BAD_REQUEST, null);
        assertThat(answer.getBody().get("type").asText()).isEqualTo("urn:parley:problem:unreadable-body");
    }

    @Test
    void an_oversized_body_is_refused_before_it_is_read() {
        String body = "{\"sourceId\": \"" + "x".repeat(300 * 1024) + "\"}";

        ResponseEntity<JsonNode> answer =
                assertRefusedWithoutWriting(() -> post("/api/sources", body), HttpStatus.PAYLOAD_TOO_LARGE, "body");
        assertThat(answer.getBody().get("limitBytes").asLong()).isEqualTo(256 * 1024);
    }

    @Test
    void an_oversized_body_sent_in_chunks_is_refused_too() throws Exception {
        long before = ledgerSize();
        byte[] body =
                ("{\"sourceId\": \"" + unique("big") + "\", \"title\": \"" + "x".repeat(300 * 1024) + "\"}").getBytes();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/sources"))
                .header("Content-Type", "application/json")
                .header(
                        "Authorization",
                        "Basic "
                                + java.util.Base64.getEncoder()
                                        .encodeToString((TESTER + ":" + TESTER_PASSWORD).getBytes()))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
        assertThat(ledgerSize()).isEqualTo(before);
    }

    @Test
    void an_id_already_used_for_different_content_is_a_conflict() {
        RegisterSource different = new RegisterSource(
                sourceId,
                "Another title",
                null,
                null,
                registerSource(sourceId).kind(),
                registerSource(sourceId).publication(),
                null,
                null,
                null,
                null);

        assertRefusedWithoutWriting(() -> post("/api/sources", different), HttpStatus.CONFLICT, "sourceId");
    }

    @Test
    void an_id_that_names_another_kind_of_aggregate_is_a_conflict() {
        assertRefusedWithoutWriting(
                () -> post("/api/events", reportEvent(sourceId, sourceId)), HttpStatus.CONFLICT, "eventId");
    }

    @Test
    void a_stale_expected_version_is_a_conflict_that_gives_the_current_version() {
        post("/api/accounts", expecting(account(eventId, unique("a1"), sourceId, "Istanbul"), 0L));

        ResponseEntity<JsonNode> answer = assertRefusedWithoutWriting(
                () -> post("/api/accounts", expecting(account(eventId, unique("a2"), sourceId, "Minsk"), 0L)),
                HttpStatus.CONFLICT,
                "expectedVersion");
        assertThat(answer.getBody().get("currentVersion").asLong()).isEqualTo(1);
    }

    @Test
    void an_account_of_an_event_that_is_not_on_the_ledger_is_not_found() {
        assertRefusedWithoutWriting(
                () -> post("/api/accounts", account(unique("nowhere"), unique("a"), sourceId, "Istanbul")),
                HttpStatus.NOT_FOUND,
                "eventId");
    }

    @Test
    void a_body_that_is_not_declared_as_json_is_refused() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.TEXT_PLAIN);

        ResponseEntity<JsonNode> answer = assertRefusedWithoutWriting(
                () -> post("/api/sources", "{}", headers), HttpStatus.UNSUPPORTED_MEDIA_TYPE, null);
        assertThat(answer.getHeaders().getContentType().toString()).contains("application/problem+json");
    }

    @Test
    void a_problem_never_shows_internals() {
        ResponseEntity<JsonNode> answer = post("/api/accounts", "{\"eventId\": 12, \"claims\": []}");

        assertThat(answer.getBody().toString()).doesNotContain("org.parley", "Exception", "java.", "SQL");
    }

    private ResponseEntity<JsonNode> assertRefusedWithoutWriting(
            Supplier<ResponseEntity<JsonNode>> request, HttpStatus status, String field) {
        long before = ledgerSize();
        ResponseEntity<JsonNode> answer = request.get();

        assertThat(answer.getStatusCode()).isEqualTo(status);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody().get("status").asInt()).isEqualTo(status.value());
        assertThat(answer.getBody().get("type").asText()).startsWith("urn:parley:problem:");
        if (field != null) {
            assertThat(answer.getBody().get("field").asText()).isEqualTo(field);
            assertThat(answer.getBody().get("detail").asText()).isNotBlank();
        }
        assertThat(ledgerSize()).isEqualTo(before);
        return answer;
    }
}
