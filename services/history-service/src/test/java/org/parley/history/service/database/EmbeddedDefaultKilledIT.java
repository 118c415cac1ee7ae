package org.parley.history.service.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.history.service.ParleyApplication;
import org.parley.history.service.support.IntegrationTest;
import org.parley.history.service.support.LedgerTopic;
import org.parley.history.service.support.LedgerTopic.Received;
import org.parley.history.service.support.ServiceJar;
import org.parley.history.service.support.TestUsers;

/**
 * The first line of issue 16's table, in CI: the embedded default (its JVM, its PostgreSQL, its broker in that JVM)
 * started as a process of its own, written to by clients, then killed with {@code kill -9}, the JVM and the
 * postmaster together. Started again on the same data directory, it recovers: every write acknowledged before the
 * kill is on the ledger once, on the topic, and in the read model. A {@code FIGURE} line gives the numbers.
 */
class EmbeddedDefaultKilledIT {

    private static final int CLIENTS = 2;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    @TempDir
    Path work;

    @Test
    void after_kill_9_of_the_embedded_default_every_acknowledged_write_is_on_the_ledger_the_topic_and_the_read_model()
            throws Exception {
        // The jar's helper only for a free port and the health check: this process is the embedded default.
        ServiceJar parleyPort = ServiceJar.onFreePort();
        int port = parleyPort.port();
        int postgresPort = freePort();
        int kafkaPort = freePort();
        Path dataDir = work.resolve("data");
        AtomicReference<Process> parley = new AtomicReference<>(start(dataDir, port, postgresPort, kafkaPort));
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            awaitUp(parley.get(), parleyPort);
            AtomicBoolean stop = new AtomicBoolean();
            List<Future<?>> writing = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                int me = client;
                writing.add(clients.submit(() -> write(me, port, acknowledged, stop)));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 100);

            long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"))
                    .get(0)
                    .trim());
            long killedAt = System.nanoTime();
            parley.get().destroyForcibly(); // SIGKILL
            Process killPostgres = new ProcessBuilder("kill", "-9", Long.toString(postmaster))
                    .inheritIO()
                    .start();
            assertThat(killPostgres.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(parley.get().waitFor(10, TimeUnit.SECONDS)).isTrue();
            int beforeTheKill = acknowledged.size();

            parley.set(start(dataDir, port, postgresPort, kafkaPort));
            awaitUp(parley.get(), parleyPort);
            double up = (System.nanoTime() - killedAt) / 1e9;
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= beforeTheKill + 20);
            stop.set(true);
            for (Future<?> client : writing) {
                client.get(60, TimeUnit.SECONDS);
            }

            String jdbc = "jdbc:postgresql://localhost:" + postgresPort + "/postgres";
            Map<String, String> ledger = new ConcurrentHashMap<>();
            List<String> written = new ArrayList<>();
            try (Connection connection = DriverManager.getConnection(jdbc, "postgres", "postgres");
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT event_identifier, aggregate_identifier FROM domain_event_entry")) {
                while (rows.next()) {
                    ledger.put(rows.getString(1), rows.getString(2));
                    written.add(rows.getString(2));
                }
            }
            assertThat(written)
                    .as("sources on the ledger")
                    .doesNotHaveDuplicates()
                    .containsAll(acknowledged);
            List<Received> onTheTopic;
            try (LedgerTopic topic = LedgerTopic.fromBeginning("localhost:" + kafkaPort)) {
                onTheTopic = topic.awaitDistinct(record -> true, ledger.size(), Duration.ofSeconds(90));
            }
            Set<String> ceIds = new HashSet<>();
            onTheTopic.forEach(record -> ceIds.add(record.header("ce_id")));
            assertThat(ceIds).as("ce_ids on the topic").isEqualTo(ledger.keySet());
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> {
                        Set<String> readModel = new HashSet<>();
                        try (Connection connection = DriverManager.getConnection(jdbc, "postgres", "postgres");
                                Statement statement = connection.createStatement();
                                ResultSet rows = statement.executeQuery("SELECT source_id FROM read_source")) {
                            while (rows.next()) {
                                readModel.add(rows.getString(1));
                            }
                        }
                        assertThat(readModel).as("sources in the read model").containsAll(acknowledged);
                    });
            System.out.printf(
                    "FIGURE embedded-default-killed: %d writes acknowledged (%d before kill -9 of the JVM and its"
                            + " PostgreSQL), 0 lost on the ledger, the topic (%d ledger events, %d records) or the"
                            + " read model; up again %.1f s after the kill%n",
                    acknowledged.size(), beforeTheKill, ledger.size(), onTheTopic.size(), up);
        } finally {
            clients.shutdownNow();
            parley.get().destroy();
            if (!parley.get().waitFor(60, TimeUnit.SECONDS)) {
                parley.get().destroyForcibly();
            }
        }
    }

    /** One client: sources, one after the other; an unanswered one is sent again with its command id. */
    private void write(int client, int port, Set<String> acknowledged, AtomicBoolean stop) {
        for (int i = 0; !stop.get(); i++) {
            String source = "killed-" + client + "-" + i;
            String commandId = UUID.randomUUID().toString();
            while (!stop.get()) {
                try {
                    HttpResponse<String> answer = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/sources"))
                                    .timeout(Duration.ofSeconds(10))
                                    .header("Content-Type", "application/json")
                                    .header("X-Command-Id", commandId)
                                    .header("Authorization", basic())
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            json.writeValueAsString(registerSource(source))))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() / 100 == 2) {
                        acknowledged.add(source);
                        break;
                    }
                    assertThat(answer.statusCode()).as(answer.body()).isGreaterThanOrEqualTo(500);
                } catch (IOException noAnswer) {
                    // killed, or not up yet: the same write again, same command id
                } catch (InterruptedException e) {
                    return;
                }
                // A pause between attempts, so that a dead or starting Parley is not asked thousands of times.
                await().pollDelay(Duration.ofMillis(100)).until(() -> true);
            }
        }
    }

    /** The embedded default as {@code ./mvnw spring-boot:run} starts it, from this test's classpath. */
    private Process start(Path dataDir, int port, int postgresPort, int kafkaPort) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                ParleyApplication.class.getName()));
        command.addAll(List.of(TestUsers.asArguments()));
        command.add("--parley.seeds.load-on-start=false");
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.put("PORT", Integer.toString(port));
        environment.put("PARLEY_DATA_DIR", dataDir.toString());
        environment.put("PARLEY_EMBEDDED_POSTGRES_PORT", Integer.toString(postgresPort));
        environment.put("PARLEY_EMBEDDED_KAFKA_PORT", Integer.toString(kafkaPort));
        environment.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        environment.remove("SPRING_DATASOURCE_URL");
        environment.remove("SPRING_KAFKA_BOOTSTRAP_SERVERS");
        builder.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        work.resolve("parley.log").toFile()));
        return builder.start();
    }

    private void awaitUp(Process process, ServiceJar parleyPort) {
        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(200))
                .failFast("the embedded default exited; see " + work.resolve("parley.log"), () -> !process.isAlive())
                .until(() -> parleyPort.health() == 200);
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String basic() {
        String credentials = IntegrationTest.TESTER + ":" + IntegrationTest.TESTER_PASSWORD;
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
