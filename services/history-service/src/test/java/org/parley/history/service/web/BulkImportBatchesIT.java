package org.parley.history.service.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.history.service.commands.LedgerFixtures.account;
import static org.parley.history.service.commands.LedgerFixtures.expecting;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;
import static org.parley.history.service.commands.LedgerFixtures.reportEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.history.contract.command.ParleyCommand;
import org.parley.history.service.support.IntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * The bulk import in batches (500 lines a transaction here, the default): a refused line stays alone in its batch,
 * a file sent again is replayed line by line, and the streamed report acknowledges only what is committed.
 */
class BulkImportBatchesIT extends IntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void a_bad_line_in_the_middle_of_a_large_batch_is_refused_alone() {
        String sourceId = unique("s");
        String eventId = unique("e");
        List<String> lines = accounts(sourceId, eventId, 1200);
        lines.set(300, line(expecting(account(eventId, unique("stale"), sourceId), 0)));
        lines.set(601, line(account(eventId, unique("orphan"), "no-such-source-" + unique("x"))));

        JsonNode report = importLines(lines).getBody();

        assertThat(report.get("accepted").asInt())
                .as(report.get("rejected").toString())
                .isEqualTo(1200);
        assertThat(report.get("rejected").asInt()).isEqualTo(2);
        JsonNode results = report.get("results");
        assertThat(results.get(300).get("status").asText()).isEqualTo("REJECTED");
        assertThat(results.get(300).get("problem").get("field").asText()).isEqualTo("expectedVersion");
        assertThat(results.get(601).get("problem").get("field").asText()).isEqualTo("citation.sourceId");
        // the event's versions run on without a hole: nothing of the refused lines was written
        long version = -1;
        for (JsonNode result : results) {
            if (result.get("status").asText().equals("ACCEPTED")
                    && result.get("receipt").get("targetId").asText().equals(eventId)) {
                assertThat(result.get("receipt").get("version").asLong()).isEqualTo(++version);
            }
        }
        assertThat(eventsOf(eventId)).isEqualTo(1 + 1200 - 2);
        assertThat(jdbc.queryForObject(
                        "SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?",
                        Long.class,
                        eventId))
                .isEqualTo(version);
    }

    @Test
    void a_replayed_batch_is_reported_line_by_line_as_replayed_with_the_first_receipts() {
        String sourceId = unique("s");
        String eventId = unique("e");
        List<String> lines = accounts(sourceId, eventId, 700);

        List<JsonNode> first = streamLines(lines);
        long afterFirst = ledgerSize();
        List<String> more = new ArrayList<>(lines);
        more.add(line(account(eventId, unique("late"), sourceId)));
        List<JsonNode> second = streamLines(more);

        assertThat(first).hasSize(703);
        assertThat(second).hasSize(704);
        for (int i = 0; i < 702; i++) {
            assertThat(first.get(i).get("status").asText()).isEqualTo("ACCEPTED");
            assertThat(second.get(i).get("status").asText()).isEqualTo("REPLAYED");
            assertThat(second.get(i).get("receipt")).isEqualTo(first.get(i).get("receipt"));
        }
        assertThat(second.get(702).get("status").asText()).isEqualTo("ACCEPTED");
        JsonNode summary = second.get(703);
        assertThat(summary.get("lines").asInt()).isEqualTo(703);
        assertThat(summary.get("replayed").asInt()).isEqualTo(702);
        assertThat(summary.get("accepted").asInt()).isEqualTo(1);
        assertThat(summary.has("results")).isFalse();
        assertThat(ledgerSize()).isEqualTo(afterFirst + 1);
    }

    @Test
    void a_connection_dropped_mid_import_loses_nothing_acknowledged_and_sending_again_is_harmless() throws IOException {
        String sourceId = unique("s");
        String eventId = unique("e");
        List<String> lines = accounts(sourceId, eventId, 1500);
        List<JsonNode> acknowledged = new ArrayList<>();

        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            String credentials = Base64.getEncoder()
                    .encodeToString((TESTER + ":" + TESTER_PASSWORD).getBytes(StandardCharsets.UTF_8));
            out.write(("POST /api/import HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-ndjson\r\n"
                            + "Accept: application/x-ndjson\r\nAuthorization: Basic " + credentials
                            + "\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            // two whole batches and a part of the third, which ends in the middle of a line
            StringBuilder sent = new StringBuilder();
            for (String text : lines.subList(0, 1200)) {
                sent.append(text).append('\n');
            }
            sent.append(lines.get(1200), 0, 40);
            byte[] part = sent.toString().getBytes(StandardCharsets.UTF_8);
            out.write((Integer.toHexString(part.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(part);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            ChunkedLines report = new ChunkedLines(socket.getInputStream());
            assertThat(report.statusLine()).contains(" 200 ");
            while (acknowledged.size() < 1000) {
                acknowledged.add(objectMapper.readTree(report.next()));
            }
            socket.setSoLinger(true, 0);
        }

        long onLedger = eventsOf(eventId);
        assertThat(acknowledged)
                .allSatisfy(result -> assertThat(result.get("status").asText()).isEqualTo("ACCEPTED"));
        // accounts acknowledged (the first two lines are the source and the event), all on the ledger
        assertThat(onLedger).isGreaterThanOrEqualTo(1 + 998);

        JsonNode again = importLines(lines).getBody();

        assertThat(again.get("rejected").asInt()).isZero();
        JsonNode results = again.get("results");
        for (JsonNode first : acknowledged) {
            JsonNode retried = results.get(first.get("line").asInt() - 1);
            assertThat(retried.get("status").asText()).isEqualTo("REPLAYED");
            assertThat(retried.get("receipt")).isEqualTo(first.get("receipt"));
        }
        assertThat(again.get("replayed").asInt() + again.get("accepted").asInt())
                .isEqualTo(1502);
        assertThat(eventsOf(eventId)).isEqualTo(1 + 1500);
    }

    /** A response body in HTTP/1.1 chunks, read line by line. */
    private static final class ChunkedLines {
        private final InputStream in;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private final String statusLine;

        ChunkedLines(InputStream in) throws IOException {
            this.in = in;
            this.statusLine = rawLine();
            String header = statusLine;
            while (!header.isEmpty()) {
                header = rawLine();
            }
        }

        String statusLine() {
            return statusLine;
        }

        String next() throws IOException {
            while (true) {
                byte[] buffered = pending.toByteArray();
                for (int i = 0; i < buffered.length; i++) {
                    if (buffered[i] == '\n') {
                        pending.reset();
                        pending.write(buffered, i + 1, buffered.length - i - 1);
                        return new String(buffered, 0, i, StandardCharsets.UTF_8);
                    }
                }
                int size = Integer.parseInt(rawLine().trim(), 16);
                pending.write(in.readNBytes(size));
                rawLine();
            }
        }

        private String rawLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("the response ended");
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.US_ASCII);
        }
    }

    private List<String> accounts(String sourceId, String eventId, int count) {
        List<String> lines =
                new ArrayList<>(List.of(line(registerSource(sourceId)), line(reportEvent(eventId, sourceId))));
        for (int i = 0; i < count; i++) {
            lines.add(line(account(eventId, unique("a" + i), sourceId, "Istanbul")));
        }
        return lines;
    }

    private List<JsonNode> streamLines(List<String> lines) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(BulkImportController.NDJSON));
        headers.setAccept(List.of(MediaType.parseMediaType(BulkImportController.NDJSON)));
        String body = http.exchange(
                        "/api/import",
                        HttpMethod.POST,
                        new HttpEntity<>(String.join("\n", lines) + "\n", headers),
                        String.class)
                .getBody();
        List<JsonNode> report = new ArrayList<>();
        for (String text : body.split("\n")) {
            try {
                report.add(objectMapper.readTree(text));
            } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + text, e);
            }
        }
        return report;
    }

    private org.springframework.http.ResponseEntity<JsonNode> importLines(List<String> lines) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(BulkImportController.NDJSON));
        return post("/api/import", String.join("\n", lines) + "\n", headers);
    }

    private String line(ParleyCommand command) {
        ObjectNode node = (ObjectNode) objectMapper.valueToTree(command);
        node.put("type", command.getClass().getSimpleName());
        return node.toString();
    }
}
