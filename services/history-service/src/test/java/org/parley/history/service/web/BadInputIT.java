package org.parley.history.service.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.history.service.commands.LedgerFixtures.account;
import static org.parley.history.service.commands.LedgerFixtures.expecting;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;
import static org.parley.history.service.commands.LedgerFixtures.reportEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.history.contract.command.DefineNarrative;
import org.parley.history.contract.command.RecordAccount;
import org.parley.history.contract.command.RegisterSource;
import org.parley.history.contract.command.ReportDiplomaticEvent;
import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.DiplomaticEventKind;
import org.parley.history.contract.value.Moment;
import org.parley.history.contract.value.NarrativeSelection;
import org.parley.history.contract.value.Publication;
import org.parley.history.contract.value.PublicationBasis;
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

    // --- text a source could not contain ------------------------------------------------------------------

    /** Each kind of text field, each kind of character no source holds: refused on its field, at its position. */
    static Stream<Arguments> textNoSourceContains() {
        return Stream.of(
                Arguments.of("/api/sources", "title", "A\\u0000B", 2),
                Arguments.of("/api/sources", "outlet", "Die\\u009fWelt", 4),
                Arguments.of("/api/sources", "authors[1]", "Ok\\u001b[31m", 3),
                Arguments.of("/api/sources", "publication.note", "\\u007fdated", 1),
                Arguments.of("/api/sources", "sourceId", "s\\u0000", 2),
                Arguments.of("/api/events", "title", "Talks \\ud800 in Istanbul", 7),
                Arguments.of("/api/events", "citation.quote", "a\\udc00", 2),
                Arguments.of("/api/accounts", "claims.place", "Ist\\u0007anbul", 4),
                Arguments.of("/api/accounts", "claims.participants[0]", "Ukraine\\u0008", 8),
                Arguments.of("/api/accounts", "citation.locator", "\\u0085", 1),
                Arguments.of("/api/accounts", "claims.summary", "line one\\r\\nline two", 9),
                Arguments.of("/api/narratives", "description", "🕊🕊\\u000b", 3),
                Arguments.of("/api/narratives", "selection.outlets[0]", "Outlet\\u001f", 7));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("textNoSourceContains")
    void text_a_source_could_not_contain_is_refused_naming_the_field_and_the_position(
            String path, String field, String jsonText, int position) {
        String body = bodyWithText(path, field, jsonText);

        ResponseEntity<JsonNode> answer =
                assertRefusedWithoutWriting(() -> post(path, body), HttpStatus.BAD_REQUEST, field);

        assertThat(answer.getBody().get("position").asInt()).isEqualTo(position);
        assertThat(answer.getBody().get("detail").asText()).contains(field + ": holds ", "at character " + position);
        assertNoInternals(answer);
    }

    @Test
    void tab_newline_quotes_and_every_script_are_accepted() {
        String title = "«Стамбул», “İstanbul” — 伊斯坦布尔, إسطنبول\\t🕊\\nsecond line";
        String body = bodyWithText("/api/sources", "title", title);

        ResponseEntity<JsonNode> answer = post("/api/sources", body);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void bytes_that_are_not_utf8_are_refused_naming_the_field_and_the_position() {
        byte[] body = bytes(
                "{\"sourceId\": \"" + unique("s") + "\", \"kind\": \"ARTICLE\", \"title\": \"Ab", 0xC3, 0x28, "c\"}");

        ResponseEntity<JsonNode> answer =
                assertRefusedWithoutWriting(() -> post("/api/sources", body), HttpStatus.BAD_REQUEST, "title");

        assertThat(answer.getBody().get("position").asInt()).isEqualTo(3);
        assertThat(answer.getBody().get("detail").asText()).contains("not UTF-8", "0xC3");
        assertNoInternals(answer);
    }

    @Test
    void an_overlong_nul_is_not_utf8_either() {
        byte[] body = bytes("{\"sourceId\": \"" + unique("s") + "\", \"title\": \"A", 0xC0, 0x80, "\"}");

        assertRefusedWithoutWriting(() -> post("/api/sources", body), HttpStatus.BAD_REQUEST, "title");
    }

    @Test
    void a_year_outside_1_to_9999_is_refused_as_a_publication_date() {
        String body = sourceJson(unique("s")).replace("\"2024-04-16\"", "\"0000-01-01\"");

        ResponseEntity<JsonNode> answer = assertRefusedWithoutWriting(
                () -> post("/api/sources", body), HttpStatus.BAD_REQUEST, "publication.time");
        assertThat(answer.getBody().get("detail").asText()).contains("outside the years 1 to 9999");
    }

    // --- strict JSON ------------------------------------------------------------------------------------------

    /** {@code <src>} is a valid source's fields but its title and authors, which each case gives its own way. */
    static Stream<Arguments> looseJson() {
        String title = ", \"title\": \"A title\"";
        return Stream.of(
                Arguments.of("duplicate keys", "{<src>" + title + title + "}", "title", "given twice"),
                Arguments.of(
                        "two objects back to back", "{<src>" + title + "}{<src>" + title + "}", null, "holds more"),
                Arguments.of("trailing garbage", "{<src>" + title + "} trailing", null, "holds more"),
                Arguments.of("closing braces too many", "{<src>" + title + "}}}", null, "holds more"),
                Arguments.of(
                        "a number as an id",
                        "{<src>" + title + ", \"republicationOf\": 12}",
                        "republicationOf",
                        "must be a string"),
                Arguments.of("true as a title", "{<src>, \"title\": true}", "title", "must be a string"),
                Arguments.of(
                        "numbers in a list of names",
                        "{<src>" + title + ", \"authors\": [\"A\", 2]}",
                        "authors[1]",
                        "must be a string"),
                Arguments.of("an array", "[{<src>" + title + "}]", null, "must be a JSON object, not an array"),
                Arguments.of("a number", "42", null, "must be a JSON object, not a number"),
                Arguments.of("an unclosed object", "{<src>" + title, null, "ends before its JSON does"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("looseJson")
    void loose_json_is_refused_naming_the_field_without_internals(
            String what, String template, String field, String reason) {
        String body = template.replace("<src>", sourceFields(unique("s")));

        ResponseEntity<JsonNode> answer =
                assertRefusedWithoutWriting(() -> post("/api/sources", body), HttpStatus.BAD_REQUEST, field);

        assertThat(answer.getBody().get("detail").asText()).contains(reason);
        assertNoInternals(answer);
    }

    @Test
    void a_number_as_a_kind_is_refused_not_read_as_the_nth_kind() {
        String body = sourceJson(unique("s")).replace("\"ARTICLE\"", "1");

        ResponseEntity<JsonNode> answer =
                assertRefusedWithoutWriting(() -> post("/api/sources", body), HttpStatus.BAD_REQUEST, "kind");
        assertThat(answer.getBody().get("detail").asText()).contains("as a string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1\"", "0.5", "12.5", "true", "\"\""})
    void an_expected_version_that_is_not_a_whole_number_is_refused_not_coerced(String version) {
        String body =
                """
                {"eventId": "%s", "accountId": "%s", "citation": {"sourceId": "%s", "locator": "¶3"},
                 "claims": {"place": "Istanbul"}, "expectedVersion": %s}
                """
                        .formatted(eventId, unique("a"), sourceId, version);

        ResponseEntity<JsonNode> answer = assertRefusedWithoutWriting(
                () -> post("/api/accounts", body), HttpStatus.BAD_REQUEST, "expectedVersion");
        assertThat(answer.getBody().get("detail").asText()).contains("must be a whole number");
    }

    // --- media types ------------------------------------------------------------------------------------------

    @Test
    void a_multipart_body_is_an_unsupported_media_type() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("multipart/form-data; boundary=xyz"));
        String body = "--xyz\r\nContent-Disposition: form-data; name=\"sourceId\"\r\n\r\ns1\r\n--xyz--\r\n";

        for (String path : new String[] {"/api/sources", "/api/import"}) {
            ResponseEntity<JsonNode> answer = assertRefusedWithoutWriting(
                    () -> post(path, body, headers), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type");
            assertThat(answer.getBody().get("detail").asText()).contains("multipart/form-data", "not accepted here");
            assertNoInternals(answer);
        }
    }

    @Test
    void an_xml_body_is_an_unsupported_media_type() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_XML);

        ResponseEntity<JsonNode> answer = assertRefusedWithoutWriting(
                () -> post("/api/sources", "<source/>", headers), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type");
        assertThat(answer.getBody().get("detail").asText()).contains("send application/json");
    }

    // --- Spring's own refusals ----------------------------------------------------------------------------------

    static Stream<Arguments> badParameters() {
        return Stream.of(
                Arguments.of("/api/ledger?limit=abc", 400, "limit", "'abc' is not a whole number"),
                Arguments.of("/api/ledger?after=xyz", 400, "after", "'xyz' is not a whole number"),
                Arguments.of("/api/narratives/all-sources/changes?after=xyz", 400, "after", "not a whole number"),
                Arguments.of("/api/narratives/all-sources/timeline?limit=1.5", 400, "limit", "not a whole number"),
                Arguments.of("/api/narratives/all-sources/evolution?step=DAY", 400, "step", "is not one of [WEEK"),
                Arguments.of("/api/stream/parked?includePublished=maybe", 400, "includePublished", "true or false"),
                Arguments.of("/api/narratives/all-sources/comparison", 400, "with", "is required"),
                Arguments.of("/api/audit", 400, "recordedBy", "is required"),
                Arguments.of("/api/narratives/no-such-narrative/changes", 404, "narrativeId", "no narrative"),
                Arguments.of("/actuator/metrics/nope", 404, "metricName", "no metric is called 'nope'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badParameters")
    void a_bad_query_parameter_is_a_problem_naming_the_parameter(String path, int status, String field, String reason) {
        ResponseEntity<JsonNode> answer = http.getForEntity(path, JsonNode.class);

        assertThat(answer.getStatusCode().value()).isEqualTo(status);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody().get("type").asText()).startsWith("urn:parley:problem:");
        assertThat(answer.getBody().get("field").asText()).isEqualTo(field);
        assertThat(answer.getBody().get("detail").asText()).contains(reason);
        assertNoInternals(answer);
    }

    @Test
    void the_changes_of_a_narrative_on_the_ledger_are_found_even_before_the_read_model_has_any() {
        String narrativeId = unique("n");
        post(
                "/api/narratives",
                new DefineNarrative(
                        narrativeId, "t", null, new NarrativeSelection(List.of(sourceId), null, null, null)));

        assertThat(http.getForEntity("/api/narratives/" + narrativeId + "/changes", JsonNode.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void a_path_nothing_answers_is_a_problem() {
        ResponseEntity<JsonNode> answer = http.getForEntity("/actuator/nothing-here", JsonNode.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody().get("type").asText()).isEqualTo("urn:parley:problem:not-found");
        assertNoInternals(answer);
    }

    @Test
    void a_body_shorter_than_its_content_length_is_a_problem_and_writes_nothing() throws Exception {
        long before = ledgerSize();
        String partial = "{\"sourceId\": \"" + unique("short") + "\", \"title\": \"cut";
        String credentials = java.util.Base64.getEncoder()
                .encodeToString((TESTER + ":" + TESTER_PASSWORD).getBytes(StandardCharsets.UTF_8));
        String answer;
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/sources HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + credentials
                            + "\r\nContent-Type: application/json\r\nContent-Length: 500\r\nConnection: close\r\n\r\n"
                            + partial)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            socket.shutdownOutput();
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(answer).contains("urn:parley:problem:body-cut-short");
        assertThat(answer).doesNotContain("Exception", "java.", "org.apache");
        assertThat(ledgerSize()).isEqualTo(before);
    }

    /** A valid command for the endpoint with one text replaced by {@code jsonText} (JSON string content). */
    private String bodyWithText(String path, String field, String jsonText) {
        String quoted = "\"" + jsonText + "\"";
        ObjectNode body = (ObjectNode) objectMapper.valueToTree(
                switch (path) {
                    case "/api/sources" -> new RegisterSource(
                            unique("s-new"),
                            "A title",
                            "An outlet",
                            List.of("An author", "Another"),
                            registerSource(sourceId).kind(),
                            new Publication(Moment.of("2024-04"), PublicationBasis.INFERRED, "dated by its references"),
                            null,
                            null,
                            null,
                            null);
                    case "/api/events" -> new ReportDiplomaticEvent(
                            unique("e-new"),
                            DiplomaticEventKind.TALKS_ROUND,
                            "A title",
                            new Citation(sourceId, "¶1", "q"));
                    case "/api/accounts" -> new RecordAccount(
                            eventId,
                            unique("a-new"),
                            Citation.of(sourceId, "¶2"),
                            new AccountClaims(null, "Istanbul", List.of("Ukraine"), null, null, null, null, "s"),
                            null);
                    default -> new DefineNarrative(
                            unique("n-new"),
                            "A title",
                            "A description",
                            new NarrativeSelection(List.of(sourceId), List.of("Outlet"), null, null));
                });
        String text = body.toString();
        String[] parts = field.split("\\.");
        JsonNode target = body;
        for (int i = 0; i < parts.length - 1; i++) {
            target = target.get(parts[i]);
        }
        String last = parts[parts.length - 1];
        String marker = "\"@@TEXT@@\"";
        if (last.endsWith("]")) {
            String name = last.substring(0, last.indexOf('['));
            int index = Integer.parseInt(last.substring(last.indexOf('[') + 1, last.length() - 1));
            ((com.fasterxml.jackson.databind.node.ArrayNode) target.get(name)).set(index, "@@TEXT@@");
        } else {
            ((ObjectNode) target).put(last, "@@TEXT@@");
        }
        text = body.toString();
        return text.replace(marker, quoted);
    }

    private String sourceFields(String id) {
        ObjectNode source = (ObjectNode) objectMapper.valueToTree(registerSource(id));
        source.remove(List.of("title", "authors"));
        String json = source.toString();
        return json.substring(json.indexOf('{') + 1, json.lastIndexOf('}'));
    }

    private String sourceJson(String id) {
        return objectMapper.valueToTree(registerSource(id)).toString();
    }

    private static byte[] bytes(String before, int first, int second, String after) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.write(first);
        out.write(second);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void assertNoInternals(ResponseEntity<JsonNode> answer) {
        assertThat(answer.getBody().toString())
                .doesNotContain("org.parley", "com.fasterxml", "java.", "Exception", "Jackson", "`", "SQL");
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
