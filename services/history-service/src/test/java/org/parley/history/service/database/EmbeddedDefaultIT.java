package org.parley.history.service.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.history.service.support.LedgerCommands.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.history.service.ParleyApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The README's run command: no database configured, so Parley brings its own, loads the seeds, and keeps its
 * data across restarts.
 */
class EmbeddedDefaultIT {

    @TempDir
    Path dataDir;

    @Test
    void an_accepted_write_survives_a_restart_of_the_embedded_default() {
        String sourceId = "survivor";

        try (ConfigurableApplicationContext first = start()) {
            ResponseEntity<JsonNode> answer =
                    client(first).postForEntity("/api/sources", source(sourceId), JsonNode.class);
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        }
        assertThat(Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION")))
                .isTrue();

        try (ConfigurableApplicationContext second = start()) {
            TestRestTemplate client = client(second);
            JsonNode ledger = client.getForObject("/api/ledger?aggregateId=" + sourceId, JsonNode.class);
            ResponseEntity<JsonNode> retry = client.postForEntity("/api/sources", source(sourceId), JsonNode.class);

            assertThat(ledger.get("entries")).hasSize(1);
            JsonNode seeded = client.getForObject("/api/ledger?aggregateId=russia-security-proposals", JsonNode.class);
            assertThat(seeded.get("entries")).isNotEmpty();
            assertThat(retry.getHeaders().getFirst("Parley-Replayed")).isEqualTo("true");
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(ParleyApplication.class)
                .run("--server.port=0", "--parley.data-dir=" + dataDir, "--parley.embedded-postgres.port=0");
    }

    private static TestRestTemplate client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        TestRestTemplate client = new TestRestTemplate();
        client.setUriTemplateHandler(
                new org.springframework.web.util.DefaultUriBuilderFactory("http://localhost:" + port));
        return client;
    }
}
