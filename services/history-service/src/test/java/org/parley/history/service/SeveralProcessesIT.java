package org.parley.history.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parley.history.service.commands.LedgerFixtures.account;
import static org.parley.history.service.commands.LedgerFixtures.expecting;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;
import static org.parley.history.service.commands.LedgerFixtures.reportEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.history.service.support.IntegrationTest;
import org.parley.history.service.support.LedgerTopic;
import org.parley.history.service.support.LedgerTopic.Received;
import org.parley.history.service.support.ServiceJar;
import org.parley.history.service.support.TestDatabase;

/**
 * Issue 16, part 6: three processes of the production jar ({@code java -jar}, as operators run it) on one PostgreSQL
 * and one broker. Writers expecting the same version on three processes at once: exactly one wins each round, the
 * others are told the current version. Then four clients write under load, spread over the processes, and the
 * process holding most of the ledger publisher's segments is killed with SIGKILL: its segments are claimed by the
 * others once its claims time out ({@code axon.eventhandling.tokenstore.claim-timeout}), the clients carry on with the
 * survivors (an unanswered write sent again with its {@code X-Command-Id}), the ledger holds every acknowledged write
 * exactly once, and the topic every ledger event, each key in ledger order. A {@code FIGURE} line gives the numbers
 * (docs/RELIABILITY.md quotes it).
 */
class SeveralProcessesIT {

    private static final int PROCESSES = 3;
    private static final int CLIENTS = 4;
    private static final int ROUNDS = 10;
    /** The defaults of application.properties: the token store's claim timeout and the publisher's claim interval. */
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(10);

    private static final Duration CLAIM_INTERVAL = Duration.ofSeconds(1);
    private static final String PUBLISHER = "ledger-publisher";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    private final List<Instance> instances = new ArrayList<>();

    @TempDir
    Path work;

    /** One service process: the jar, its process and log. */
    record Instance(int number, ServiceJar jar, Process process, Path log) {
        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + jar.port() + path);
        }
    }

    /** An HTTP answer, or none (status -1) when the process did not answer at all. */
    record Answer(int status, JsonNode body) {}

    @AfterEach
    void stopTheProcesses() throws InterruptedException {
        for (Instance instance : instances) {
            instance.process().destroy();
        }
        for (Instance instance : instances) {
            if (!instance.process().waitFor(60, TimeUnit.SECONDS)) {
                instance.process().destroyForcibly();
            }
        }
    }

    @Test
    void three_processes_on_one_database_one_winner_per_version_and_a_killed_ones_segments_taken_over_losing_nothing()
            throws Exception {
        TestDatabase.Connection database = TestDatabase.freshDatabase("several");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String topic = "parley.ledger.several-" + run;
        for (int i = 0; i < PROCESSES; i++) {
            instances.add(start(i, database, topic, "parley.narratives.several-" + run));
        }
        for (Instance instance : instances) {
            await().atMost(Duration.ofMinutes(4))
                    .pollInterval(Duration.ofMillis(500))
                    .failFast(
                            "process " + instance.number() + " exited; see " + instance.log(),
                            () -> !instance.process().isAlive())
                    .until(() -> instance.jar().health() == 200);
        }

        // --- the same expected version on every process at once: one winner per round -------------------------
        assertThat(post(instances.get(0), "/api/sources", registerSource("shared-source"), null)
                        .status())
                .isEqualTo(201);
        assertThat(post(instances.get(1), "/api/events", reportEvent("contested", "shared-source"), null)
                        .status())
                .isEqualTo(201);
        long version = 0;
        ExecutorService pool = Executors.newFixedThreadPool(PROCESSES + CLIENTS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                List<Answer> answers = together(pool, version, round);
                List<Answer> won = answers.stream()
                        .filter(answer -> answer.status() == 201)
                        .toList();
                long expected = version;
                assertThat(won).as("round %d: %s", round, answers).hasSize(1);
                assertThat(answers)
                        .filteredOn(answer -> answer.status() != 201)
                        .as("round %d", round)
                        .hasSize(PROCESSES - 1)
                        .allSatisfy(lost -> {
                            assertThat(lost.status()).isEqualTo(409);
                            assertThat(lost.body().get("currentVersion").asLong())
                                    .isEqualTo(expected + 1);
                        });
                version = won.get(0).body().get("version").asLong();
                assertThat(version).isEqualTo(expected + 1);
            }

            // --- writes under load, and kill -9 of the publisher's main segment holder ---------------------------
            for (int client = 0; client < CLIENTS; client++) {
                assertThat(post(
                                        instances.get(client % PROCESSES),
                                        "/api/events",
                                        reportEvent("load-" + client, "shared-source"),
                                        null)
                                .status())
                        .isEqualTo(201);
            }
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            owners(database).size() == 2 && !owners(database).containsValue(null));
            Instance victim = mainHolder(database);
            Set<Integer> alive = ConcurrentHashMap.newKeySet();
            instances.forEach(instance -> alive.add(instance.number()));
            Map<String, String> acknowledged = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger afterKillAnswered = new AtomicInteger();
            AtomicInteger sentAgain = new AtomicInteger();
            AtomicBoolean killed = new AtomicBoolean();
            List<Future<Integer>> clients = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                int me = client;
                clients.add(
                        pool.submit(() -> write(me, alive, acknowledged, stop, killed, afterKillAnswered, sentAgain)));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 100);

            long killedAt = System.nanoTime();
            victim.process().destroyForcibly(); // SIGKILL: no shutdown hook, no claim released
            assertThat(victim.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
            alive.remove(victim.number());
            killed.set(true);
            String victimNode = victim.process().pid() + "@";
            await().atMost(CLAIM_TIMEOUT.multipliedBy(3))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        Map<Integer, String> owners = owners(database);
                        return owners.size() == 2
                                && owners.values().stream()
                                        .allMatch(owner -> owner != null && !owner.startsWith(victimNode));
                    });
            Duration takenOver = since(killedAt);
            int acknowledgedAtTakeover = acknowledged.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= acknowledgedAtTakeover + 100);
            stop.set(true);
            int unacknowledged = 0;
            for (Future<Integer> client : clients) {
                unacknowledged += client.get(60, TimeUnit.SECONDS);
            }

            // --- the ledger: every acknowledged write exactly once ------------------------------------------------
            Map<String, LedgerEntry> ledger = ledger(database);
            Map<String, Integer> written = new HashMap<>();
            ledger.values().forEach(entry -> written.merge(entry.entity(), 1, Integer::sum));
            assertThat(acknowledged.keySet()).allSatisfy(entity -> assertThat(written.get(entity))
                    .as("times %s is on the ledger", entity)
                    .isEqualTo(1));
            assertThat(unacknowledged)
                    .as("writes no process answered after their retries")
                    .isZero();

            // --- the topic: every ledger event, each key in ledger order, a redelivery only under its own ce_id --
            List<Received> received;
            try (LedgerTopic onTopic = LedgerTopic.fromBeginningOf(topic)) {
                received = onTopic.awaitDistinct(record -> true, ledger.size(), Duration.ofSeconds(90));
            }
            Set<String> distinct = new HashSet<>();
            received.forEach(record -> distinct.add(record.header("ce_id")));
            assertThat(distinct).as("ce_ids on the topic").isEqualTo(ledger.keySet());
            LedgerTopic.byKey(received).forEach((key, records) -> {
                Set<String> seen = new HashSet<>();
                long previous = -1;
                for (Received record : records) {
                    LedgerEntry entry = ledger.get(record.header("ce_id"));
                    assertThat(entry.aggregate()).isEqualTo(key);
                    if (seen.add(record.header("ce_id"))) {
                        assertThat(entry.sequence())
                                .as("key %s in ledger order", key)
                                .isGreaterThan(previous);
                        previous = entry.sequence();
                    }
                }
            });
            int redelivered = received.size() - distinct.size();

            assertThat(takenOver)
                    .as("segments taken over")
                    .isLessThan(CLAIM_TIMEOUT.plus(CLAIM_INTERVAL.multipliedBy(5)));
            System.out.printf(
                    "FIGURE several-processes: %d rounds of %d writers on %d processes expecting one version, one"
                            + " winner each; %d writes acknowledged under load, %d answered by the survivors after the"
                            + " kill (%d unanswered attempts sent again), 0 lost, 0 written twice; publisher segments"
                            + " of the killed process taken over %d ms after kill -9 (claim timeout %d s); %d ledger"
                            + " events, all on the topic in ledger order per key, %d redelivered under the same ce_id%n",
                    ROUNDS,
                    PROCESSES,
                    PROCESSES,
                    acknowledged.size(),
                    afterKillAnswered.get(),
                    sentAgain.get(),
                    takenOver.toMillis(),
                    CLAIM_TIMEOUT.toSeconds(),
                    ledger.size(),
                    redelivered);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One writer per process, all let go at once, each expecting {@code version} of the contested event. */
    private List<Answer> together(ExecutorService pool, long version, int round) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        for (Instance instance : instances) {
            answers.add(pool.submit(() -> {
                go.await();
                return post(
                        instance,
                        "/api/accounts",
                        expecting(
                                account("contested", "r" + round + "-p" + instance.number(), "shared-source"), version),
                        null);
            }));
        }
        go.countDown();
        List<Answer> done = new ArrayList<>();
        for (Future<Answer> answer : answers) {
            done.add(answer.get(60, TimeUnit.SECONDS));
        }
        return done;
    }

    /**
     * One client: a source, then an account of its event citing the shared source, over and over, each to the next
     * live process; an unanswered write (or a 503) is sent again, same command id, to the next one. Returns how many
     * writes stayed unanswered after every retry.
     */
    private int write(
            int client,
            Set<Integer> alive,
            Map<String, String> acknowledged,
            AtomicBoolean stop,
            AtomicBoolean killed,
            AtomicInteger afterKillAnswered,
            AtomicInteger sentAgain) {
        int unanswered = 0;
        for (int i = 0; !stop.get(); i++) {
            String entity = i % 2 == 0 ? "src-" + client + "-" + i : "acc-" + client + "-" + i;
            Object command = i % 2 == 0 ? registerSource(entity) : account("load-" + client, entity, "shared-source");
            String path = i % 2 == 0 ? "/api/sources" : "/api/accounts";
            String commandId = UUID.randomUUID().toString();
            boolean done = false;
            for (int attempt = 0; attempt < 2 * PROCESSES && !done; attempt++) {
                List<Integer> live = new ArrayList<>(alive);
                Instance target = instances.get(live.get((client + i + attempt) % live.size()));
                boolean afterKill = killed.get();
                Answer answer = post(target, path, command, commandId);
                if (answer.status() / 100 == 2) {
                    acknowledged.put(entity, commandId);
                    done = true;
                    if (afterKill) {
                        afterKillAnswered.incrementAndGet();
                    }
                } else if (answer.status() == -1 || answer.status() == 503) {
                    sentAgain.incrementAndGet();
                } else {
                    throw new IllegalStateException("write " + entity + " refused: " + answer);
                }
            }
            if (!done) {
                unanswered++;
            }
        }
        return unanswered;
    }

    private Answer post(Instance instance, String path, Object body, String commandId) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(instance.uri(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Authorization", basic())
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            if (commandId != null) {
                request.header("X-Command-Id", commandId);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode parsed = response.body().isEmpty() ? null : json.readTree(response.body());
            return new Answer(response.statusCode(), parsed);
        } catch (IOException noAnswer) {
            return new Answer(-1, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, null);
        }
    }

    private static String basic() {
        String credentials = IntegrationTest.TESTER + ":" + IntegrationTest.TESTER_PASSWORD;
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    /** The ledger publisher's segments and their owners ({@code pid@host/...}, null when unclaimed). */
    private static Map<Integer, String> owners(TestDatabase.Connection database) throws SQLException {
        Map<Integer, String> owners = new HashMap<>();
        try (Connection connection =
                        DriverManager.getConnection(database.url(), database.username(), database.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT segment, owner FROM token_entry WHERE processor_name = '" + PUBLISHER + "'")) {
            while (rows.next()) {
                owners.put(rows.getInt(1), rows.getString(2));
            }
        }
        return owners;
    }

    /** The process that holds most of the publisher's segments (the first one, when each holds as many). */
    private Instance mainHolder(TestDatabase.Connection database) throws SQLException {
        Map<Long, Integer> held = new HashMap<>();
        for (String owner : owners(database).values()) {
            held.merge(Long.parseLong(owner.substring(0, owner.indexOf('@'))), 1, Integer::sum);
        }
        return instances.stream()
                .max((a, b) -> Integer.compare(
                        held.getOrDefault(a.process().pid(), 0),
                        held.getOrDefault(b.process().pid(), 0)))
                .orElseThrow();
    }

    /** One ledger event: its aggregate, its sequence there, and the entity the test wrote with it. */
    record LedgerEntry(String aggregate, long sequence, String entity) {}

    /** Every ledger event by its identifier, the stream's {@code ce_id}. */
    private static Map<String, LedgerEntry> ledger(TestDatabase.Connection database) throws SQLException {
        Map<String, LedgerEntry> ledger = new HashMap<>();
        try (Connection connection =
                        DriverManager.getConnection(database.url(), database.username(), database.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT event_identifier, aggregate_identifier,"
                        + " sequence_number, coalesce(convert_from(payload, 'UTF8')::jsonb ->> 'accountId',"
                        + " aggregate_identifier) FROM domain_event_entry")) {
            while (rows.next()) {
                ledger.put(rows.getString(1), new LedgerEntry(rows.getString(2), rows.getLong(3), rows.getString(4)));
            }
        }
        return ledger;
    }

    private Instance start(int number, TestDatabase.Connection database, String topic, String narratives)
            throws IOException {
        ServiceJar jar = ServiceJar.onFreePort();
        Path log = work.resolve("process-" + number + ".log");
        Process process = jar.start(
                database,
                work.resolve("data-" + number),
                log,
                Map.of(
                        // Three JVMs share the machine with the test: small heaps, one GC thread each.
                        "JAVA_TOOL_OPTIONS", "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1",
                        "PARLEY_STREAMS_LEDGER_TOPIC", topic,
                        "PARLEY_STREAMS_NARRATIVES_TOPIC", narratives));
        return new Instance(number, jar, process, log);
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}
