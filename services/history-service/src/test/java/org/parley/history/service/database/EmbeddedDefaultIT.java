package org.parley.history.service.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.parley.history.embedded.EmbeddedKafkaBroker;
import org.parley.history.service.ParleyApplication;
import org.parley.history.service.support.LedgerTopic;
import org.parley.history.service.support.LedgerTopic.Received;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.util.DefaultUriBuilderFactory;

/**
 * The README's run command: no database, Kafka or users configured, so Parley brings its own PostgreSQL and Kafka
 * broker, creates one user per role (passwords in the log once, hashes on disk), loads the seeds, streams the ledger,
 * and keeps all of it across restarts; a fresh broker gets the whole ledger again.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDefaultIT {

    private static final Pattern PRINTED_USER =
            Pattern.compile("^ {4}(editor|analyst|operator) +(\\S+)$", Pattern.MULTILINE);

    @TempDir
    Path dataDir;

    @Test
    void the_embedded_default_creates_users_loads_the_seeds_and_survives_a_restart(CapturedOutput output)
            throws Exception {
        String sourceId = "survivor";
        Map<String, String> passwords;

        try (ConfigurableApplicationContext first = start()) {
            passwords = printedPasswords(output.getAll());
            assertThat(passwords).containsOnlyKeys("editor", "analyst", "operator");
            ResponseEntity<JsonNode> written = client(first, "editor", passwords)
                    .postForEntity("/api/sources", registerSource(sourceId), JsonNode.class);
            ResponseEntity<JsonNode> anonymous =
                    client(first, null, passwords).postForEntity("/api/sources", registerSource("x"), JsonNode.class);

            assertThat(written.getStatusCode()).isEqualTo(HttpStatus.CREATED);
            assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(everyLedgerEventOnTheTopic(first))
                    .as("every ledger event on the embedded broker's topic")
                    .isTrue();
        }
        String storedUsers = Files.readString(dataDir.resolve("users.properties"));
        assertThat(storedUsers).contains("{bcrypt}").doesNotContain(passwords.values());
        assertThat(dataDir.resolve("postgres").resolve("PG_VERSION")).exists();
        assertThat(dataDir.resolve("kafka").resolve("meta.properties")).exists();
        // A fresh broker: the topic is empty while the publisher's position is at the end of the ledger.
        FileSystemUtils.deleteRecursively(dataDir.resolve("kafka"));

        try (ConfigurableApplicationContext second = start()) {
            JsonNode ledger = client(second, "analyst", passwords)
                    .getForObject("/api/ledger?aggregateId=" + sourceId, JsonNode.class);
            JsonNode seeded = client(second, "analyst", passwords)
                    .getForObject("/api/ledger?aggregateId=russia-security-proposals", JsonNode.class);
            ResponseEntity<JsonNode> retry = client(second, "editor", passwords)
                    .postForEntity("/api/sources", registerSource(sourceId), JsonNode.class);

            assertThat(ledger.get("entries")).hasSize(1);
            assertThat(ledger.get("entries")
                            .get(0)
                            .get("metadata")
                            .get("recordedBy")
                            .asText())
                    .isEqualTo("editor");
            assertThat(seeded.get("entries")).isNotEmpty();
            assertThat(retry.getHeaders().getFirst("Parley-Replayed")).isEqualTo("true");
            assertThat(everyLedgerEventOnTheTopic(second))
                    .as("the ledger topic refilled on a fresh broker")
                    .isTrue();
        }
        assertThat(PRINTED_USER.matcher(output.getAll()).results().count()).isEqualTo(3);
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(ParleyApplication.class)
                .run(
                        "--server.port=0",
                        "--parley.data-dir=" + dataDir,
                        "--parley.embedded-postgres.port=0",
                        "--parley.embedded-kafka.port=0");
    }

    /** Whether every event on the ledger reaches the embedded broker's ledger topic within a minute. */
    private static boolean everyLedgerEventOnTheTopic(ConfigurableApplicationContext context) {
        Set<String> ledger = Set.copyOf(context.getBean(JdbcTemplate.class)
                .queryForList("SELECT event_identifier FROM domain_event_entry", String.class));
        String bootstrapServers = context.getBean(EmbeddedKafkaBroker.class).bootstrapServers();
        try (LedgerTopic topic = LedgerTopic.fromBeginning(bootstrapServers)) {
            List<Received> received = topic.awaitDistinct(record -> true, ledger.size(), Duration.ofSeconds(60));
            return received.stream()
                    .map(record -> record.header("ce_id"))
                    .collect(Collectors.toSet())
                    .equals(ledger);
        }
    }

    private static Map<String, String> printedPasswords(String log) {
        Map<String, String> passwords = new HashMap<>();
        Matcher matcher = PRINTED_USER.matcher(log);
        while (matcher.find()) {
            passwords.put(matcher.group(1), matcher.group(2));
        }
        return passwords;
    }

    private static TestRestTemplate client(
            ConfigurableApplicationContext context, String user, Map<String, String> passwords) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        TestRestTemplate client =
                user == null ? new TestRestTemplate() : new TestRestTemplate(user, passwords.get(user));
        client.setUriTemplateHandler(new DefaultUriBuilderFactory("http://localhost:" + port));
        return client;
    }
}
