package org.parley.history.service.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parley.history.service.commands.LedgerFixtures.account;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;
import static org.parley.history.service.commands.LedgerFixtures.reportEvent;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.history.embedded.EmbeddedPostgresServer;
import org.parley.history.service.ParleyApplication;
import org.parley.history.service.support.IntegrationTest;
import org.parley.history.service.support.TestUsers;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.DefaultUriBuilderFactory;

/**
 * The embedded default (no database configured) when its own PostgreSQL process is killed with {@code kill -9}:
 * every call answers fast with a 503 while it is away, and Parley starts it again by itself, so that writes are
 * accepted again within five seconds of the kill and nothing acknowledged before is lost. A {@code FIGURE} line
 * gives the times (docs/RELIABILITY.md quotes it).
 */
class EmbeddedDatabaseDiesIT {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);
    private static final Duration WRITES_AGAIN_WITHIN = Duration.ofSeconds(5);

    @TempDir
    Path dataDir;

    /** One HTTP answer and how long it took. */
    record Answer(int status, String retryAfter, JsonNode body, Duration took) {}

    @Test
    void when_the_embedded_postgresql_is_killed_calls_answer_503_fast_and_it_is_started_again_within_five_seconds()
            throws Exception {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--parley.data-dir=" + dataDir,
                "--parley.embedded-postgres.port=0",
                "--parley.embedded-kafka.port=0",
                "--parley.seeds.load-on-start=false"));
        arguments.addAll(List.of(TestUsers.asArguments()));
        try (ConfigurableApplicationContext parley =
                new SpringApplicationBuilder(ParleyApplication.class).run(arguments.toArray(String[]::new))) {
            TestRestTemplate http = client(parley);
            EmbeddedPostgresServer postgres = parley.getBean(EmbeddedPostgresServer.class);
            String source = "embedded-dies-source";
            String event = "embedded-dies-event";
            List<String> acknowledged = new ArrayList<>();
            assertThat(send(() -> http.postForEntity("/api/sources", registerSource(source), JsonNode.class))
                            .status())
                    .isEqualTo(201);
            assertThat(send(() -> http.postForEntity("/api/events", reportEvent(event, source), JsonNode.class))
                            .status())
                    .isEqualTo(201);
            for (int i = 0; i < 10; i++) {
                String accountId = event + ".before-" + i;
                assertThat(recordAccount(http, event, accountId, source).status())
                        .isEqualTo(201);
                acknowledged.add(accountId);
            }
            long pid = postgres.postmasterPid();
            assertThat(postgres.isRunning()).isTrue();

            long killedAt = System.nanoTime();
            Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid))
                    .inheritIO()
                    .start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(kill.exitValue()).isZero();

            // Until it is back, every write is either refused fast with a 503 or (once it is back) accepted.
            List<Answer> during = new ArrayList<>();
            Answer written;
            int attempt = 0;
            do {
                String accountId = event + ".during-" + attempt++;
                written = recordAccount(http, event, accountId, source);
                during.add(written);
                if (written.status() == 201) {
                    acknowledged.add(accountId);
                }
            } while (written.status() != 201 && since(killedAt).compareTo(Duration.ofSeconds(30)) < 0);
            Duration writesAgain = since(killedAt);

            assertThat(written.status()).as("%s", written).isEqualTo(201);
            List<Answer> refused =
                    during.stream().filter(answer -> answer.status() != 201).toList();
            assertThat(refused)
                    .as("answers while PostgreSQL was away")
                    .isNotEmpty()
                    .allSatisfy(answer -> {
                        assertThat(answer.status()).as("%s", answer).isEqualTo(503);
                        assertThat(answer.retryAfter()).as("%s", answer).isNotBlank();
                        assertThat(answer.took()).as("%s", answer).isLessThan(ANSWER_WITHIN);
                    });
            assertThat(writesAgain).isLessThan(WRITES_AGAIN_WITHIN);
            assertThat(postgres.postmasterPid()).isNotEqualTo(pid);
            assertThat(postgres.restarts()).isEqualTo(1);

            JsonNode ledger = http.getForObject("/api/ledger?aggregateId=" + event + "&limit=1000", JsonNode.class);
            List<String> onTheLedger = new ArrayList<>();
            ledger.get("entries").forEach(entry -> {
                JsonNode id = entry.path("payload").path("accountId");
                if (!id.isMissingNode()) {
                    onTheLedger.add(id.asText());
                }
            });
            assertThat(onTheLedger).containsExactlyElementsOf(acknowledged);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> http.getForEntity("/actuator/health/readiness", String.class)
                                    .getStatusCode()
                                    .value()
                            == 200);
            Duration slowest =
                    refused.stream().map(Answer::took).max(Duration::compareTo).orElseThrow();
            System.out.printf(
                    "FIGURE embedded-postgres-killed: %d answers 503 while away, slowest %d ms; first write accepted"
                            + " %d ms after kill -9; %d acknowledged writes, 0 lost%n",
                    refused.size(), slowest.toMillis(), writesAgain.toMillis(), acknowledged.size() + 2);
        }
    }

    private static Answer recordAccount(TestRestTemplate http, String event, String accountId, String source) {
        return send(() -> http.postForEntity("/api/accounts", account(event, accountId, source), JsonNode.class));
    }

    private static Answer send(java.util.function.Supplier<ResponseEntity<JsonNode>> call) {
        long start = System.nanoTime();
        ResponseEntity<JsonNode> response = call.get();
        return new Answer(
                response.getStatusCode().value(),
                response.getHeaders().getFirst("Retry-After"),
                response.getBody(),
                since(start));
    }

    private static TestRestTemplate client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        TestRestTemplate client = new TestRestTemplate(IntegrationTest.TESTER, IntegrationTest.TESTER_PASSWORD);
        client.setUriTemplateHandler(new DefaultUriBuilderFactory("http://localhost:" + port));
        return client;
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}
