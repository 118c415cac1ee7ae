package org.parley.history.service.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.history.service.commands.LedgerFixtures.account;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;
import static org.parley.history.service.commands.LedgerFixtures.reportEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
