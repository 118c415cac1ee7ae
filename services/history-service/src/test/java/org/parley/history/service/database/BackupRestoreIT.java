package org.parley.history.service.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.history.service.commands.LedgerFixtures.correction;
import static org.parley.history.service.commands.LedgerFixtures.retraction;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.history.service.ParleyApplication;
import org.parley.history.service.seeding.SeedLoader;
import org.parley.history.service.support.LedgerTopic;
import org.parley.history.service.support.LedgerTopic.Received;
import org.parley.history.service.support.TestDatabase;
import org.parley.history.service.support.TestKafka;
import org.parley.history.service.support.TestUsers;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.util.DefaultUriBuilderFactory;

/**
 * The documented backup and restore, run as an operator would: {@code infra/backup/backup.sh} (pg_dump) of a
 * running Parley holding the seeds, a correction and a retraction; {@code infra/backup/restore.sh} into an empty
 * database; a second Parley started on it, with a topic that was never written. The five questions answer the same
 * bytes, and the fresh topic is refilled with every ledger event under the ce_id and ce_sequence it had before.
 */
class BackupRestoreIT {

    private static final String TESTER = "tester";

    @TempDir
    Path backups;

    @Test
    void a_restored_dump_answers_byte_identically_and_refills_a_fresh_topic_with_the_same_ids() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        TestDatabase.Connection original = TestDatabase.freshDatabase("parley_backup");
        Path dump = backups.resolve("parley.dump");
        Map<String, String> publishedBefore;
        Map<String, byte[]> answersBefore;
        long ledgerEvents;
        long dumpMillis;

        try (ConfigurableApplicationContext first = start(original, "backup-" + run)) {
            SeedLoader.SeedReport seeds = first.getBean(SeedLoader.class).load();
            assertThat(seeds.refused()).isEmpty();
            TestRestTemplate http = client(first);
            assertThat(http.postForEntity(
                                    "/api/corrections",
                                    correction(
                                            "bennett-mediation",
                                            "bennett-mediation.bennett-interview-2023",
                                            "bennett-mediation.bennett-interview-2023.venue",
                                            "bennett-interview-2023"),
                                    JsonNode.class)
                            .getStatusCode())
                    .isEqualTo(HttpStatus.CREATED);
            assertThat(http.postForEntity(
                                    "/api/retractions",
                                    retraction(
                                            "talks-suspended",
                                            "talks-suspended.seed-000-near-miss-peace-talks",
                                            "talks-suspended.seed-000-near-miss-peace-talks.withdrawn",
                                            "seed-000-near-miss-peace-talks"),
                                    JsonNode.class)
                            .getStatusCode())
                    .isEqualTo(HttpStatus.CREATED);
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            ledgerEvents = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
            awaitReadModel(http, jdbc);
            answersBefore = answers(http, recordedAsOf());
            publishedBefore = published("parley.ledger.backup-" + run, ledgerEvents);

            // While Parley runs: pg_dump reads one snapshot, so the read model in the dump matches its ledger.
            long started = System.nanoTime();
            run(original, "backup.sh", dump);
            dumpMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        }

        TestDatabase.Connection restored = TestDatabase.freshDatabase("parley_restored");
        long started = System.nanoTime();
        run(restored, "restore.sh", dump);
        long restoreMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        String sizes;

        try (ConfigurableApplicationContext second = start(restored, "restored-" + run)) {
            TestRestTemplate http = client(second);
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class))
                    .isEqualTo(ledgerEvents);
            sizes = jdbc.queryForObject(
                    "SELECT 'tables ' || sum(pg_total_relation_size(c.oid)) || ' bytes, of which the ledger '"
                            + " || pg_total_relation_size('domain_event_entry') || ' bytes' FROM pg_class c"
                            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " WHERE n.nspname = 'public' AND c.relkind = 'r'",
                    String.class);
            awaitReadModel(http, jdbc);
            Map<String, byte[]> answersAfter = answers(http, recordedAsOf(answersBefore));

            assertThat(answersAfter.keySet()).containsExactlyElementsOf(answersBefore.keySet());
            answersBefore.forEach((question, bytes) ->
                    assertThat(answersAfter.get(question)).as(question).isEqualTo(bytes));
            assertThat(published("parley.ledger.restored-" + run, ledgerEvents))
                    .as("ce_id → ce_sequence on the fresh topic")
                    .isEqualTo(publishedBefore);
        }

        System.out.printf(
                "FIGURE backup: %d ledger events, dump %d bytes in %d ms, restore in %d ms; restored %s%n",
                ledgerEvents, Files.size(dump), dumpMillis, restoreMillis, sizes);
    }

    /**
     * The five questions, with every time given explicitly, so that the answer depends on the database alone. The
     * recorded time is a moment after every write, carried from the first instance to the second in the map.
     */
    private static Map<String, byte[]> answers(TestRestTemplate http, String recordedAsOf) {
        String times = "asOf=2025-12-31&recordedAsOf=" + recordedAsOf;
        Map<String, byte[]> answers = new LinkedHashMap<>();
        answers.put("recordedAsOf", recordedAsOf.getBytes(StandardCharsets.UTF_8));
        answers.put("timeline", get(http, "/api/narratives/west-blocked-settlement/timeline?" + times));
        answers.put("history", get(http, "/api/events/bennett-mediation/history?" + times));
        answers.put("retracted history", get(http, "/api/events/talks-suspended/history?" + times));
        answers.put(
                "comparison",
                get(http, "/api/narratives/west-blocked-settlement/comparison?with=istanbul-as-basis&" + times));
        answers.put(
                "evolution",
                get(
                        http,
                        "/api/narratives/west-blocked-settlement/evolution?from=2021&to=2025-12-31&step=YEAR"
                                + "&recordedAsOf=" + recordedAsOf));
        answers.put("source", get(http, "/api/sources/bennett-interview-2023?" + times));
        answers.put("sources", get(http, "/api/sources?" + times));
        return answers;
    }

    private static String recordedAsOf() {
        // Taken after the last write was answered, so every write is recorded at or before it.
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static String recordedAsOf(Map<String, byte[]> answers) {
        return new String(answers.get("recordedAsOf"), StandardCharsets.UTF_8);
    }

    private static byte[] get(TestRestTemplate http, String path) {
        ResponseEntity<byte[]> answer = http.getForEntity(path, byte[].class);
        assertThat(answer.getStatusCode())
                .as(path + ": " + new String(answer.getBody(), StandardCharsets.UTF_8))
                .isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody()).as(path).isNotEmpty();
        return answer.getBody();
    }

    /** Every ledger event's ce_id and ce_sequence as the topic holds them (a redelivery would carry the same). */
    private static Map<String, String> published(String topic, long ledgerEvents) {
        try (LedgerTopic records = LedgerTopic.fromBeginningOf(topic)) {
            List<Received> received = records.awaitDistinct(record -> true, (int) ledgerEvents, Duration.ofSeconds(60));
            Map<String, String> sequences = new TreeMap<>();
            for (Received record : received) {
                String before = sequences.put(record.header("ce_id"), record.header("ce_sequence"));
                assertThat(before).as("a redelivery's ce_sequence").isIn(null, record.header("ce_sequence"));
            }
            assertThat(sequences).hasSize((int) ledgerEvents);
            return sequences;
        }
    }

    private static void awaitReadModel(TestRestTemplate http, JdbcTemplate jdbc) {
        long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        Awaitility.await("the read model at ledger position " + head)
                .atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    JsonNode status = http.getForObject("/api/rebuilds/current", JsonNode.class);
                    return status.get("state").asText().equals("CURRENT")
                            && status.get("ledgerPosition").asLong() >= head;
                });
    }

    private static ConfigurableApplicationContext start(TestDatabase.Connection database, String topics) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--parley.streams.ledger.name=parley.ledger." + topics,
                "--parley.streams.narratives.name=parley.narratives." + topics));
        arguments.addAll(List.of(TestUsers.asArguments()));
        arguments.addAll(List.of(TestKafka.asArguments()));
        return new SpringApplicationBuilder(ParleyApplication.class).run(arguments.toArray(String[]::new));
    }

    private static TestRestTemplate client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        TestRestTemplate client = new TestRestTemplate(TESTER, TestUsers.passwordOf(TESTER));
        client.setUriTemplateHandler(new DefaultUriBuilderFactory("http://localhost:" + port));
        return client;
    }

    /** Runs one of the operators' scripts against a database, named to it by libpq's variables as documented. */
    private static void run(TestDatabase.Connection database, String script, Path dump)
            throws IOException, InterruptedException {
        Matcher url = Pattern.compile("^jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+)")
                .matcher(database.url());
        assertThat(url.find()).as(database.url()).isTrue();
        ProcessBuilder process =
                new ProcessBuilder(scripts().resolve(script).toString(), dump.toString()).redirectErrorStream(true);
        process.environment().put("PGHOST", url.group(1));
        process.environment().put("PGPORT", url.group(2) == null ? "5432" : url.group(2));
        process.environment().put("PGDATABASE", url.group(3));
        process.environment().put("PGUSER", database.username());
        process.environment().put("PGPASSWORD", database.password());
        Process running = process.start();
        String output = new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(running.waitFor(60, TimeUnit.SECONDS)).as(script).isTrue();
        assertThat(running.exitValue()).as(script + ": " + output).isZero();
        System.out.print(output.lines().map(line -> script + ": " + line + "\n").collect(Collectors.joining()));
    }

    private static Path scripts() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isDirectory(directory.resolve("infra/backup"))) {
            directory = directory.getParent();
        }
        assertThat(directory).as("the repository's infra/backup").isNotNull();
        return directory.resolve("infra/backup");
    }
}
