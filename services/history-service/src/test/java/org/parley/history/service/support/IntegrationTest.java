package org.parley.history.service.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every integration test: the whole service on a random port, on a real PostgreSQL and a real Kafka
 * broker, driven over HTTP.
 * Tests share one database, so each gives its ids a fresh suffix ({@link #unique}) instead of cleaning up: the
 * ledger is append-only anyway.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    /** A principal with every role, for tests about something other than who may do what. */
    public static final String TESTER = "tester";

    public static final String TESTER_PASSWORD = "tester-secret";

    @Autowired
    protected TestRestTemplate anonymous;

    protected TestRestTemplate http;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected ObjectMapper objectMapper;

    private String suffix;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.Connection connection = TestDatabase.connection();
        registry.add("spring.datasource.url", connection::url);
        registry.add("spring.datasource.username", connection::username);
        registry.add("spring.datasource.password", connection::password);
        TestUsers.properties().forEach((key, value) -> registry.add(key, () -> value));
        TestKafka.properties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeEach
    void signInAsTester() {
        http = anonymous.withBasicAuth(TESTER, TESTER_PASSWORD);
    }

    @BeforeEach
    void freshSuffix() {
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    /** An id no other test uses. */
    protected String unique(String name) {
        return name + "-" + suffix;
    }

    protected ResponseEntity<JsonNode> post(String path, Object body) {
        return post(path, body, new HttpHeaders());
    }

    protected ResponseEntity<JsonNode> post(String path, Object body, HttpHeaders headers) {
        if (headers.getContentType() == null) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }

    /** Waits until the read model has read the whole ledger and answers (it follows the ledger asynchronously). */
    protected void awaitReadModel() {
        long head = ledgerHead();
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

    protected long ledgerHead() {
        return jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
    }

    protected long ledgerSize() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    protected long eventsOf(String aggregateId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, aggregateId);
    }
}
