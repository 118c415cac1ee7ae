package org.parley.history.service.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.history.service.commands.LedgerFixtures.account;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;
import static org.parley.history.service.commands.LedgerFixtures.reportEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.history.contract.command.LinkEvents;
import org.parley.history.contract.command.ParleyCommand;
import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.LinkRelation;
import org.parley.history.service.support.IntegrationTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

class BulkImportIT extends IntegrationTest {

    @Test
    void each_line_is_reported_and_a_refused_line_does_not_stop_the_others() {
        String sourceId = unique("s");
        String eventId = unique("e");
        List<String> lines = List.of(
                line(registerSource(sourceId)),
                line(reportEvent(eventId, sourceId)),
                "{\"type\": \"Dance\", \"eventId\": \"x\"}",
                line(account(eventId, unique("a1"), sourceId, "Istanbul")),
                "{not json",
                line(account(eventId, unique("a2"), "no-such-source", "Minsk")),
                "",
                line(account(eventId, unique("a3"), sourceId, "Gomel")));

        ResponseEntity<JsonNode> answer = importLines(lines);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode report = answer.getBody();
        assertThat(report.get("lines").asInt()).isEqualTo(7);
        assertThat(report.get("accepted").asInt()).isEqualTo(4);
        assertThat(report.get("rejected").asInt()).isEqualTo(3);
        JsonNode results = report.get("results");
        assertThat(results.get(2).get("line").asInt()).isEqualTo(3);
        assertThat(results.get(2).get("problem").get("field").asText()).isEqualTo("type");
        assertThat(results.get(3).get("receipt").get("version").asLong()).isEqualTo(1);
        assertThat(results.get(4).get("problem").get("type").asText()).endsWith("unreadable-body");
        assertThat(results.get(5).get("problem").get("field").asText()).isEqualTo("citation.sourceId");
        assertThat(results.get(6).get("line").asInt()).isEqualTo(8);
        assertThat(eventsOf(eventId)).isEqualTo(3);
    }

    @Test
    void importing_the_same_file_twice_grows_the_ledger_once() {
        String sourceId = unique("s");
        String eventId = unique("e");
        String otherId = unique("e2");
        List<String> lines = List.of(
                line(registerSource(sourceId)),
                line(reportEvent(eventId, sourceId)),
                line(reportEvent(otherId, sourceId)),
                line(account(eventId, unique("a1"), sourceId, "Istanbul")),
                line(account(eventId, unique("a2"), sourceId, "Minsk")),
                line(new LinkEvents(
                        eventId,
                        unique("l"),
                        LinkRelation.LED_TO_BREAKDOWN_OF,
                        otherId,
                        Citation.of(sourceId, "¶8"),
                        unique("a1"),
                        null)));

        JsonNode first = importLines(lines).getBody();
        long afterFirst = ledgerSize();
        JsonNode second = importLines(lines).getBody();

        assertThat(first.get("accepted").asInt()).isEqualTo(6);
        assertThat(second.get("accepted").asInt()).isZero();
        assertThat(second.get("replayed").asInt()).isEqualTo(6);
        assertThat(ledgerSize()).isEqualTo(afterFirst);
        for (int i = 0; i < 6; i++) {
            assertThat(second.get("results").get(i).get("receipt"))
                    .isEqualTo(first.get("results").get(i).get("receipt"));
        }
    }

    @Test
    void thousands_of_accounts_arrive_in_one_request() {
        String sourceId = unique("s");
        String eventId = unique("e");
        List<String> lines =
                new ArrayList<>(List.of(line(registerSource(sourceId)), line(reportEvent(eventId, sourceId))));
        for (int i = 0; i < 2000; i++) {
            lines.add(line(account(eventId, unique("a" + i), sourceId, "Istanbul")));
        }

        JsonNode report = importLines(lines).getBody();

        assertThat(report.get("accepted").asInt()).isEqualTo(2002);
        assertThat(eventsOf(eventId)).isEqualTo(2001);
    }

    @Test
    void a_line_over_the_single_command_limit_is_refused_by_itself() {
        String sourceId = unique("s");
        String huge = "{\"type\": \"RegisterSource\", \"title\": \"" + "x".repeat(300 * 1024) + "\"}";

        JsonNode report =
                importLines(List.of(huge, line(registerSource(sourceId)))).getBody();

        assertThat(report.get("results").get(0).get("problem").get("type").asText())
                .endsWith("body-too-large");
        assertThat(report.get("results").get(1).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(eventsOf(sourceId)).isEqualTo(1);
    }

    @Test
    void a_line_may_carry_its_own_command_id_into_the_ledger() {
        String sourceId = unique("s");
        ObjectNode line = (ObjectNode) objectMapper.valueToTree(registerSource(sourceId));
        line.put("type", "RegisterSource");
        line.put("commandId", unique("import-line-1"));

        importLines(List.of(line.toString()));

        String metadata = jdbc.queryForObject(
                "SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry" + " WHERE aggregate_identifier = ?",
                String.class,
                sourceId);
        assertThat(metadata).contains("\"commandId\":\"" + unique("import-line-1") + "\"");
    }

    @Test
    void text_and_json_no_source_sends_are_refused_line_by_line_while_the_good_lines_are_accepted() {
        String sourceId = unique("s");
        String eventId = unique("e");
        String account = line(account(eventId, "@ID@", sourceId, "@PLACE@"));
        List<String> lines = List.of(
                line(registerSource(sourceId)),
                line(reportEvent(eventId, sourceId)),
                accountLine(account, "a1", "Ist\\u0000anbul"),
                "@BAD-UTF8@",
                accountLine(account, "a3", "Minsk").replaceFirst("\\{", "{\"accountId\": \"again\", "),
                accountLine(account, "a4", "Minsk") + accountLine(account, "a5", "Minsk"),
                withLast(accountLine(account, "a6", "Minsk"), ", \"expectedVersion\": \"1\"}"),
                accountLine(account, "a7", "Minsk")
                        .replace("\"participants\":[\"Ukraine\",\"Russia\"]", "\"participants\":[1,2]"),
                accountLine(account, "a8", "Minsk").replaceFirst("\\{", "{\"commandId\": 12, "),
                accountLine(account, "a9", "Gomel"));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String text : lines) {
            if (text.equals("@BAD-UTF8@")) {
                String good = accountLine(account, "a2", "Ist#anbul");
                int at = good.indexOf('#');
                body.writeBytes(good.substring(0, at).getBytes(StandardCharsets.UTF_8));
                body.write(0xFF);
                body.writeBytes(good.substring(at + 1).getBytes(StandardCharsets.UTF_8));
            } else {
                body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            }
            body.write('\n');
        }

        JsonNode report = importBytes(body.toByteArray()).getBody();

        assertThat(report.get("accepted").asInt()).as(report.toPrettyString()).isEqualTo(3);
        assertThat(report.get("rejected").asInt()).isEqualTo(7);
        JsonNode results = report.get("results");
        assertLine(results.get(2), 3, "claims.place", "U+0000");
        assertThat(results.get(2).get("problem").get("position").asInt()).isEqualTo(4);
        assertLine(results.get(3), 4, "claims.place", "not UTF-8");
        assertThat(results.get(3).get("problem").get("position").asInt()).isEqualTo(4);
        assertLine(results.get(4), 5, "accountId", "given twice");
        assertLine(results.get(5), 6, null, "holds more after its JSON value ends");
        assertLine(results.get(6), 7, "expectedVersion", "must be a whole number");
        assertLine(results.get(7), 8, "claims.participants[0]", "must be a string");
        assertLine(results.get(8), 9, "commandId", "must be a string");
        assertThat(results.get(9).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(eventsOf(eventId)).isEqualTo(2);
        assertThat(report.toString()).doesNotContain("com.fasterxml", "java.", "Exception", "`", "\ufffd");
    }

    private static void assertLine(JsonNode result, int line, String field, String reason) {
        assertThat(result.get("line").asInt()).isEqualTo(line);
        assertThat(result.get("status").asText()).isEqualTo("REJECTED");
        JsonNode problem = result.get("problem");
        assertThat(problem.get("status").asInt()).as(problem.toString()).isEqualTo(400);
        if (field != null) {
            assertThat(problem.get("field").asText()).as(problem.toString()).isEqualTo(field);
        }
        assertThat(problem.get("detail").asText()).contains(reason);
    }

    private String accountLine(String template, String id, String place) {
        return template.replace("@ID@", unique(id)).replace("@PLACE@", place);
    }

    /** The line with its closing brace replaced: a field added at the top level, not in a nested object. */
    private static String withLast(String line, String ending) {
        return line.substring(0, line.length() - 1) + ending;
    }

    private ResponseEntity<JsonNode> importBytes(byte[] body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("application/x-ndjson"));
        return post("/api/import", body, headers);
    }

    private ResponseEntity<JsonNode> importLines(List<String> lines) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("application/x-ndjson"));
        return post("/api/import", String.join("\n", lines) + "\n", headers);
    }

    private String line(ParleyCommand command) {
        ObjectNode node = (ObjectNode) objectMapper.valueToTree(command);
        node.put("type", command.getClass().getSimpleName());
        return node.toString();
    }
}
