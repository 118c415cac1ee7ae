package org.parley.history.service.narratives.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.history.service.commands.LedgerFixtures.account;
import static org.parley.history.service.commands.LedgerFixtures.defineNarrative;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;
import static org.parley.history.service.commands.LedgerFixtures.reportEvent;
import static org.parley.history.service.commands.LedgerFixtures.sources;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.parley.history.service.support.IntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The narrative change feed pushed as server-sent events: what a watching page or {@code parley follow} reads. */
class NarrativeChangesPushedIT extends IntegrationTest {

    record Pushed(String id, String event, JsonNode data) {}

    @LocalServerPort
    int port;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void a_watcher_is_told_of_each_change_as_it_is_found_and_resumes_where_it_left_off() throws Exception {
        String source = unique("pushed-source");
        String other = unique("pushed-other");
        String event = unique("pushed-round");
        String narrative = unique("pushed-narrative");
        post("/api/sources", registerSource(source));
        post("/api/sources", registerSource(other));
        post("/api/events", reportEvent(event, source));
        post("/api/narratives", defineNarrative(narrative, sources(source, other)));

        BlockingQueue<Pushed> pushed = new LinkedBlockingQueue<>();
        HttpResponse<InputStream> stream = open(narrative, null);
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        Thread reader = read(stream, pushed);

        Pushed defined = next(pushed);
        assertThat(defined.event()).isEqualTo("narrative-change");
        assertThat(defined.data().at("/change/change").asText()).isEqualTo("NARRATIVE_DEFINED");
        assertThat(defined.id()).isEqualTo(defined.data().get("position").asText());

        awaitReadModel();
        post("/api/accounts", account(event, unique("pushed-round.first"), source, "Istanbul"));
        Pushed appeared = next(pushed);
        assertThat(appeared.data().at("/change/change").asText()).isEqualTo("EVENT_APPEARED");
        assertThat(appeared.data().at("/change/eventId").asText()).isEqualTo(event);
        reader.interrupt();
        stream.body().close();

        // a client that went away comes back with the last id it saw and gets only what came after it
        awaitReadModel();
        post("/api/accounts", account(event, unique("pushed-round.second"), other, "Antalya"));
        BlockingQueue<Pushed> resumed = new LinkedBlockingQueue<>();
        HttpResponse<InputStream> again = open(narrative, appeared.id());
        Thread second = read(again, resumed);
        Pushed disputed = next(resumed);
        assertThat(disputed.data().at("/change/change").asText()).isEqualTo("FIELD_DISPUTED");
        assertThat(Long.parseLong(disputed.id())).isGreaterThan(Long.parseLong(appeared.id()));
        second.interrupt();
        again.body().close();
    }

    @Test
    void an_unknown_narrative_is_a_problem_not_an_empty_stream() throws Exception {
        HttpResponse<String> answer = client.send(
                request("/api/narratives/" + unique("nowhere") + "/changes", null),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(objectMapper.readTree(answer.body()).get("field").asText()).isEqualTo("narrativeId");
    }

    @Test
    void a_last_event_id_that_is_no_position_is_refused_by_name() throws Exception {
        HttpResponse<String> answer = client.send(
                request("/api/narratives/all-sources/changes", "yesterday"), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("Last-Event-ID");
    }

    private HttpResponse<InputStream> open(String narrative, String lastEventId) throws Exception {
        return client.send(
                request("/api/narratives/" + narrative + "/changes", lastEventId),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    private HttpRequest request(String path, String lastEventId) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/event-stream")
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                (TESTER + ":" + TESTER_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        if (lastEventId != null) {
            builder.header("Last-Event-ID", lastEventId);
        }
        return builder.GET().build();
    }

    /** Reads the stream as an EventSource would: fields until a blank line make one event; comments are skipped. */
    private Thread read(HttpResponse<InputStream> response, BlockingQueue<Pushed> into) {
        Thread thread = new Thread(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String id = null;
                String name = null;
                List<String> data = new ArrayList<>();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            into.add(new Pushed(id, name, objectMapper.readTree(String.join("\n", data))));
                        }
                        id = null;
                        name = null;
                        data.clear();
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.add(line.substring(5).strip());
                    }
                }
            } catch (Exception closed) {
                // the test closed the stream
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static Pushed next(BlockingQueue<Pushed> pushed) throws InterruptedException {
        Pushed next = pushed.poll(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
        assertThat(next).as("a pushed change within 30 s").isNotNull();
        return next;
    }
}
