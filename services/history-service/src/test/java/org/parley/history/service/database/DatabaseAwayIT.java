package org.parley.history.service.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parley.history.service.commands.LedgerFixtures.account;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;
import static org.parley.history.service.commands.LedgerFixtures.reportEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.parley.history.service.support.IntegrationTest;
import org.parley.history.service.support.StoppablePostgres;
import org.parley.history.service.support.TestKafka;
import org.parley.history.service.support.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL taken away under a running Parley, on a server of this test's own: killed at once (as a crash or
 * {@code pg_ctl stop -m immediate}) and later started again, then turned read-only as a standby would be. Every call
 * answers within two seconds, with a 503 and Retry-After when it needs the database; readiness goes DOWN and liveness
 * stays UP; after the database is back, the first write goes through and nothing acknowledged before is lost.
 * Figures are printed as {@code FIGURE ...} lines (docs/RELIABILITY.md quotes them).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Closed after the class, while its PostgreSQL still runs (the server goes at JVM exit), not cached for others.
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseAwayIT {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);
    private static final Duration READINESS_WITHIN = Duration.ofSeconds(5);
    private static final Duration RECOVERY_WITHIN = Duration.ofSeconds(5);
    private static final StoppablePostgres POSTGRES = StoppablePostgres.started();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", POSTGRES::jdbcUrl);
        registry.add("spring.datasource.username", POSTGRES::username);
        registry.add("spring.datasource.password", POSTGRES::password);
        TestUsers.properties().forEach((key, value) -> registry.add(key, () -> value));
        TestKafka.properties().forEach((key, value) -> registry.add(key, () -> value));
        // A ledger of its own on the shared broker: this database's events are not the other tests'.
        registry.add("parley.streams.ledger.name", () -> "parley.ledger.away-" + RUN);
        registry.add("parley.streams.narratives.name", () -> "parley.narratives.away-" + RUN);
    }

    /** One HTTP answer and how long it took. */
    record Answer(int status, String retryAfter, JsonNode body, Duration took) {
        String type() {
            return body == null || body.get("type") == null
                    ? null
                    : body.get("type").asText();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper objectMapper;

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final String SOURCE = "away-source-" + RUN;
    private static final String EVENT = "away-event-" + RUN;
    private static final List<String> ACKNOWLEDGED = new ArrayList<>();

    @Test
    @Order(1)
    void when_postgresql_dies_every_call_answers_fast_readiness_goes_down_and_after_it_returns_nothing_is_lost()
            throws Exception {
        assertThat(write("/api/sources", registerSource(SOURCE)).status()).isEqualTo(201);
        assertThat(write("/api/events", reportEvent(EVENT, SOURCE)).status()).isEqualTo(201);
        for (int i = 0; i < 20; i++) {
            recordAccount("before-" + i, 201);
        }
        await().atMost(READINESS_WITHIN)
                .until(() -> get("/actuator/health/readiness").status() == 200);

        long killedAt = System.nanoTime();
        POSTGRES.kill();

        List<Answer> answers = new ArrayList<>();
        answers.add(write("/api/accounts", account(EVENT, EVENT + ".during-0", SOURCE)));
        answers.add(get("/api/events/" + EVENT + "/history"));
        answers.add(get("/api/sources"));
        answers.add(get("/api/ledger?aggregateId=" + EVENT));
        answers.add(write("/api/accounts", account(EVENT, EVENT + ".during-1", SOURCE)));
        answers.add(write("/api/sources", registerSource(SOURCE + "-during")));
        for (Answer answer : answers) {
            assertThat(answer.status()).as("%s", answer).isEqualTo(503);
            assertThat(answer.took()).as("%s", answer).isLessThan(ANSWER_WITHIN);
            assertThat(answer.retryAfter()).as("%s", answer).isEqualTo("5");
            assertThat(answer.type()).isEqualTo("urn:parley:problem:database-unavailable");
            assertThat(answer.body().toString()).doesNotContain("Exception", "org.", "com.");
        }
        Duration slowest503 =
                answers.stream().map(Answer::took).max(Duration::compareTo).orElseThrow();

        await().atMost(READINESS_WITHIN).until(() -> {
            Answer readiness = get("/actuator/health/readiness");
            return readiness.status() == 503
                    && readiness.body().get("status").asText().equals("DOWN");
        });
        Duration readinessDown = since(killedAt);
        Answer liveness = get("/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.took()).isLessThan(ANSWER_WITHIN);
        // What needs no database is still answered.
        Answer asyncApi = get("/asyncapi.yaml");
        assertThat(asyncApi.status()).isEqualTo(200);
        assertThat(asyncApi.took()).isLessThan(ANSWER_WITHIN);

        POSTGRES.start();
        long backAt = System.nanoTime();
        int attempts = 0;
        Answer afterwards;
        do {
            attempts++;
            afterwards = write("/api/accounts", account(EVENT, EVENT + ".after", SOURCE));
        } while (afterwards.status() != 201 && since(backAt).compareTo(RECOVERY_WITHIN) < 0);
        Duration firstWrite = since(backAt);
        assertThat(afterwards.status()).as("%s", afterwards).isEqualTo(201);
        assertThat(firstWrite).isLessThan(RECOVERY_WITHIN);
        ACKNOWLEDGED.add(EVENT + ".after");
        await().atMost(READINESS_WITHIN)
                .until(() -> get("/actuator/health/readiness").status() == 200);
        Duration readinessUp = since(backAt);

        JsonNode ledger =
                get("/api/ledger?aggregateId=" + EVENT + "&limit=1000").body();
        List<String> accountIds = new ArrayList<>();
        ledger.get("entries").forEach(entry -> {
            JsonNode id = entry.path("payload").path("accountId");
            if (!id.isMissingNode()) {
                accountIds.add(id.asText());
            }
        });
        assertThat(accountIds).containsExactlyElementsOf(ACKNOWLEDGED);

        long readModelFrom = System.nanoTime();
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    Answer history = get("/api/events/" + EVENT + "/history");
                    assertThat(history.status()).isEqualTo(200);
                    assertThat(history.body().toString()).contains(EVENT + ".after", EVENT + ".before-19");
                });

        System.out.printf(
                "FIGURE database-killed: slowest 503 %d ms (of %d calls); readiness DOWN after %d ms; first write"
                        + " after restart %d ms (%d attempt(s)); readiness UP after %d ms; read model current %d ms"
                        + " after the first write; %d acknowledged writes, 0 lost%n",
                slowest503.toMillis(),
                answers.size(),
                readinessDown.toMillis(),
                firstWrite.toMillis(),
                attempts,
                readinessUp.toMillis(),
                since(readModelFrom).toMillis(),
                ACKNOWLEDGED.size() + 2);
    }

    @Test
    @Order(2)
    void when_postgresql_turns_read_only_writes_are_503_reads_are_answered_and_readiness_goes_down() {
        JdbcAdmin admin = new JdbcAdmin(POSTGRES);
        admin.readOnly(true);
        try {
            long turnedAt = System.nanoTime();
            await().atMost(READINESS_WITHIN)
                    .until(() -> get("/actuator/health/readiness").status() == 503);
            Duration readinessDown = since(turnedAt);

            Answer refused = write("/api/accounts", account(EVENT, EVENT + ".read-only", SOURCE));
            assertThat(refused.status()).as("%s", refused).isEqualTo(503);
            assertThat(refused.took()).isLessThan(ANSWER_WITHIN);
            assertThat(refused.retryAfter()).isEqualTo("5");
            assertThat(refused.type()).isEqualTo("urn:parley:problem:database-read-only");

            Answer history = get("/api/events/" + EVENT + "/history");
            assertThat(history.status()).as("%s", history).isEqualTo(200);
            assertThat(history.body().toString()).contains(EVENT + ".after");
            assertThat(history.body().toString()).doesNotContain(EVENT + ".read-only");
            Answer ledger = get("/api/ledger?aggregateId=" + EVENT);
            assertThat(ledger.status()).isEqualTo(200);
            assertThat(get("/actuator/health/liveness").status()).isEqualTo(200);

            admin.readOnly(false);
            long backAt = System.nanoTime();
            Answer afterwards;
            do {
                afterwards = write("/api/accounts", account(EVENT, EVENT + ".writable", SOURCE));
            } while (afterwards.status() != 201 && since(backAt).compareTo(RECOVERY_WITHIN) < 0);
            assertThat(afterwards.status()).as("%s", afterwards).isEqualTo(201);
            Duration firstWrite = since(backAt);
            await().atMost(READINESS_WITHIN)
                    .until(() -> get("/actuator/health/readiness").status() == 200);

            System.out.printf(
                    "FIGURE database-read-only: write 503 in %d ms; read answered 200 in %d ms; readiness DOWN"
                            + " after %d ms; first write after it is writable again %d ms%n",
                    refused.took().toMillis(),
                    history.took().toMillis(),
                    readinessDown.toMillis(),
                    firstWrite.toMillis());
        } finally {
            admin.readOnly(false);
        }
    }

    /** Turns the whole server read-only for every session, the old ones included, as a standby is. */
    private record JdbcAdmin(StoppablePostgres postgres) {
        void readOnly(boolean on) {
            SingleConnectionDataSource connection = postgres.admin();
            try {
                var jdbc = new JdbcTemplate(connection);
                jdbc.execute("SET default_transaction_read_only = off");
                jdbc.execute("ALTER SYSTEM SET default_transaction_read_only = " + (on ? "on" : "off"));
                jdbc.execute("SELECT pg_reload_conf()");
            } finally {
                connection.destroy();
            }
        }
    }

    private void recordAccount(String name, int expected) {
        String accountId = EVENT + "." + name;
        Answer answer = write("/api/accounts", account(EVENT, accountId, SOURCE));
        assertThat(answer.status()).as("%s", answer).isEqualTo(expected);
        ACKNOWLEDGED.add(accountId);
    }

    private Answer write(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(uri(path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(objectMapper.writeValueAsString(body))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private Answer send(HttpRequest.Builder request) {
        String credentials = IntegrationTest.TESTER + ":" + IntegrationTest.TESTER_PASSWORD;
        request.header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30));
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Duration took = since(start);
            JsonNode body = null;
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            if (contentType.contains("json") && !response.body().isEmpty()) {
                body = objectMapper.readTree(response.body());
            }
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null),
                    body,
                    took);
        } catch (Exception e) {
            throw new IllegalStateException("no answer from " + request.build().uri(), e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}
