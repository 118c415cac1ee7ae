package org.parley.history.service.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.history.service.support.ServiceJar;
import org.parley.history.service.support.TestDatabase;
import org.parley.history.service.support.TestUsers;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The service killed (SIGKILL, no shutdown of any kind) in the middle of a rebuild comes back answering every
 * question from the version that answered before, the same bytes, and goes on with the rebuild by itself from where
 * its last batch ended, until the new version takes over. The production jar on a database of its own, with the
 * seeds, in small batches and at a capped rate so that the kill lands between batches of the rebuild.
 */
class RebuildCrashIT {

    private static final List<String> QUESTIONS = List.of(
            "/api/narratives/all-sources/timeline?asOf=2025-06-30&limit=500",
            "/api/narratives/istanbul-as-basis/comparison?with=kremlin-initialled-draft-discarded&asOf=2025-01-01",
            "/api/narratives/all-sources/evolution?from=2022-01-01&to=2025-12-31&step=YEAR",
            "/api/events/talks-suspended/history?asOf=2025-01-01",
            "/api/sources?asOf=2025-01-01",
            "/api/narratives");

    private static final Map<String, String> SMALL_BATCHES =
            Map.of("PARLEY_SEEDS_LOAD_ON_START", "true", "PARLEY_READ_MODEL_BATCH_SIZE", "10");

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void a_service_killed_mid_rebuild_comes_back_answering_from_the_old_version_and_finishes_the_rebuild()
            throws Exception {
        TestDatabase.Connection database = TestDatabase.freshDatabase("rebuild_crash");
        JdbcTemplate db = new JdbcTemplate(new SimpleDriverDataSource(
                new org.postgresql.Driver(), database.url(), database.username(), database.password()));
        ServiceJar jar = ServiceJar.onFreePort();
        Path log = dataDir.resolve("service.log");

        Process first = jar.start(database, dataDir, log, SMALL_BATCHES);
        Map<String, String> before = new LinkedHashMap<>();
        long head;
        try {
            awaitUp(jar, first);
            head = awaitCurrent(jar, db, log);
            for (String question : QUESTIONS) {
                HttpResponse<String> answer = get(jar, question);
                assertThat(answer.headers().firstValue("Parley-Read-Model-Version"))
                        .hasValue("1");
                before.put(question, answer.body());
            }

            // about twenty seconds for the seeds: long enough to kill it in the middle
            HttpResponse<String> started = jar.send(
                    TestUsers.OPERATOR,
                    HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.noBody()),
                    "/api/rebuilds?maxEventsPerSecond=" + Math.max(1, head / 20));
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            assertThat(json.readTree(started.body()).get("buildingVersion").asInt())
                    .isEqualTo(2);
            await("some of the rebuild's batches committed")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> position(db) >= head / 5);
        } finally {
            first.destroyForcibly();
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        long killedAt = position(db);
        assertThat(db.queryForMap("SELECT state, version, building_version FROM read_model_state"))
                .as("what the killed service left")
                .isEqualTo(Map.of("state", "REBUILDING", "version", 1, "building_version", 2));
        assertThat(killedAt).isLessThan(head);

        Process second = jar.start(database, dataDir, log, SMALL_BATCHES);
        try {
            awaitUp(jar, second);
            assertThat(status(jar).get("eventsDone").asLong())
                    .as("resumed where the last batch before the kill ended, not started over")
                    .isGreaterThanOrEqualTo(killedAt);
            // the rebuild the killed service began goes on: a second one is refused while it runs
            assertThat(jar.send(
                                    TestUsers.OPERATOR,
                                    HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.noBody()),
                                    "/api/rebuilds")
                            .statusCode())
                    .isEqualTo(409);
            int answeredByTheOldVersion = 0;
            while (status(jar).get("state").asText().equals("REBUILDING")) {
                for (String question : QUESTIONS) {
                    HttpResponse<String> answer = get(jar, question);
                    assertThat(answer.statusCode()).as(question).isEqualTo(200);
                    assertThat(answer.body()).as(question).isEqualTo(before.get(question));
                    if (answer.headers()
                            .firstValue("Parley-Read-Model-Version")
                            .orElseThrow()
                            .equals("1")) {
                        answeredByTheOldVersion++;
                    }
                }
            }
            assertThat(answeredByTheOldVersion)
                    .as("questions answered by version 1 after the restart, while version 2 was built")
                    .isGreaterThanOrEqualTo(QUESTIONS.size());

            awaitCurrent(jar, db, log);
            JsonNode done = status(jar);
            assertThat(done.get("version").asInt()).isEqualTo(2);
            assertThat(done.get("eventsDone").asLong()).isEqualTo(head);
            for (String question : QUESTIONS) {
                HttpResponse<String> answer = get(jar, question);
                assertThat(answer.headers().firstValue("Parley-Read-Model-Version"))
                        .hasValue("2");
                assertThat(answer.body()).as(question).isEqualTo(before.get(question));
            }
            await("version 1 dropped")
                    .atMost(Duration.ofSeconds(30))
                    .until(
                            () -> db.queryForList(
                                    "SELECT nspname FROM pg_namespace WHERE nspname ~ '^read_v[0-9]+$'", String.class),
                            schemas -> schemas.equals(List.of("read_v2")));
        } finally {
            second.destroy();
            if (!second.waitFor(60, TimeUnit.SECONDS)) {
                second.destroyForcibly();
            }
        }
        assertThat(Files.readString(log))
                .as("the log of both runs")
                .contains("Read model rebuilding version 2")
                .contains("Read model rebuild done, version 2 answers");
    }

    private static void awaitUp(ServiceJar jar, Process service) {
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .failFast("the jar exited; see its log", () -> !service.isAlive())
                .until(() -> jar.health() == 200);
    }

    /** Until the read model is current at the ledger's head, once the seeds are in; that head. */
    private long awaitCurrent(ServiceJar jar, JdbcTemplate db, Path log) {
        await("the seeds loaded")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Files.readString(log).contains("Seeds:"));
        await("the read model current at the ledger's head")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    JsonNode status = status(jar);
                    return status.get("state").asText().equals("CURRENT")
                            && status.get("ledgerPosition").asLong() >= ledgerHead(db)
                            && ledgerHead(db) > 100;
                });
        return ledgerHead(db);
    }

    private static long ledgerHead(JdbcTemplate db) {
        return db.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
    }

    private static long position(JdbcTemplate db) {
        return db.queryForObject("SELECT position FROM read_model_state", Long.class);
    }

    private JsonNode status(ServiceJar jar) throws Exception {
        return json.readTree(
                jar.send(TestUsers.OPERATOR, HttpRequest.newBuilder().GET(), "/api/rebuilds/current")
                        .body());
    }

    private static HttpResponse<String> get(ServiceJar jar, String path) throws Exception {
        return jar.send(TestUsers.ANALYST, HttpRequest.newBuilder().GET(), path);
    }
}
