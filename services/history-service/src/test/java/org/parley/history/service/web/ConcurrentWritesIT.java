package org.parley.history.service.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.history.service.commands.LedgerFixtures.account;
import static org.parley.history.service.commands.LedgerFixtures.expecting;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;
import static org.parley.history.service.commands.LedgerFixtures.reportEvent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.history.service.ParleyApplication;
import org.parley.history.service.support.IntegrationTest;
import org.parley.history.service.support.TestDatabase;
import org.parley.history.service.support.TestKafka;
import org.parley.history.service.support.TestUsers;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Many writers on one diplomatic event, through two instances of the service sharing one PostgreSQL: every
 * accepted write is on the ledger, in one gap-free order, and every refused one was told the current version.
 */
class ConcurrentWritesIT extends IntegrationTest {

    private static final int WRITERS = 8;

    private static ConfigurableApplicationContext secondInstance;
    private static TestRestTemplate secondHttp;

    private String sourceId;
    private String eventId;

    @BeforeAll
    static void startSecondInstance() {
        TestDatabase.Connection db = TestDatabase.connection();
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password()));
        arguments.addAll(List.of(TestUsers.asArguments()));
        arguments.addAll(List.of(TestKafka.asArguments()));
        secondInstance = new SpringApplicationBuilder(ParleyApplication.class).run(arguments.toArray(String[]::new));
        int port = ((WebServerApplicationContext) secondInstance).getWebServer().getPort();
        secondHttp = new TestRestTemplate(TESTER, TESTER_PASSWORD);
        secondHttp.setUriTemplateHandler(
                new org.springframework.web.util.DefaultUriBuilderFactory("http://localhost:" + port));
    }

    @AfterAll
    static void stopSecondInstance() {
        secondInstance.close();
    }

    @BeforeEach
    void anEventToFightOver() {
        sourceId = unique("source");
        eventId = unique("event");
        post("/api/sources", registerSource(sourceId));
        post("/api/events", reportEvent(eventId, sourceId));
    }

    @Test
    void concurrent_accounts_without_an_expected_version_land_in_one_gap_free_order_and_none_is_lost()
            throws Exception {
        int perWriter = 15;
        List<ResponseEntity<JsonNode>> answers = runTogether(writer -> {
            List<ResponseEntity<JsonNode>> mine = new ArrayList<>();
            for (int i = 0; i < perWriter; i++) {
                mine.add(postTo(
                        writer,
                        "/api/accounts",
                        account(eventId, unique("a-" + writer + "-" + i), sourceId, "Istanbul")));
            }
            return mine;
        });

        // Under extreme contention a write may be refused after its retries; then it says so with the current
        // version. What may never happen is an accepted write that is not on the ledger.
        List<ResponseEntity<JsonNode>> accepted = answers.stream()
                .filter(answer -> answer.getStatusCode() == HttpStatus.CREATED)
                .toList();
        assertThat(answers)
                .filteredOn(answer -> answer.getStatusCode() != HttpStatus.CREATED)
                .allSatisfy(refused -> {
                    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(refused.getBody().get("currentVersion").asLong()).isPositive();
                });
        assertThat(accepted).hasSizeGreaterThan(answers.size() * 9 / 10);
        assertThat(storedSequence()).containsExactlyElementsOf(range(accepted.size() + 1));
        assertThat(storedAccounts())
                .containsExactlyInAnyOrderElementsOf(accepted.stream()
                        .map(answer -> answer.getBody().get("entityId").asText())
                        .toList());
        assertThat(accepted)
                .extracting(answer -> answer.getBody().get("version").asLong())
                .doesNotHaveDuplicates();
        awaitReadModel();
        // Concurrent commits fill gaps late; the read model still files each account under its own sequence.
        assertThat(jdbc.queryForList(
                        "SELECT f.ledger_sequence = e.global_index FROM read_account_fact f JOIN domain_event_entry e"
                                + " ON e.aggregate_identifier = f.event_id AND f.fact_kind = 'RECORDED'"
                                + " AND convert_from(e.payload, 'UTF8')::jsonb ->> 'accountId' = f.account_id"
                                + " WHERE f.event_id = ?",
                        Boolean.class,
                        eventId))
                .hasSize(accepted.size())
                .containsOnly(true);
    }

    @Test
    void writers_expecting_the_same_version_produce_one_winner_and_tell_the_others_the_current_version()
            throws Exception {
        List<ResponseEntity<JsonNode>> answers = runTogether(writer -> List.of(postTo(
                writer,
                "/api/accounts",
                expecting(account(eventId, unique("a-" + writer), sourceId, "Istanbul"), 0L))));

        assertThat(answers)
                .filteredOn(answer -> answer.getStatusCode() == HttpStatus.CREATED)
                .hasSize(1);
        assertThat(answers)
                .filteredOn(answer -> answer.getStatusCode() == HttpStatus.CONFLICT)
                .hasSize(WRITERS - 1)
                .allSatisfy(answer -> assertThat(
                                answer.getBody().get("currentVersion").asLong())
                        .isEqualTo(1));
        assertThat(eventsOf(eventId)).isEqualTo(2);
    }

    @Test
    void optimistic_writers_that_retry_with_the_current_version_lose_no_update() throws Exception {
        int perWriter = 5;
        List<ResponseEntity<JsonNode>> answers = runTogether(writer -> {
            List<ResponseEntity<JsonNode>> mine = new ArrayList<>();
            long expected = 0;
            for (int i = 0; i < perWriter; i++) {
                while (true) {
                    ResponseEntity<JsonNode> answer = postTo(
                            writer,
                            "/api/accounts",
                            expecting(
                                    account(eventId, unique("a-" + writer + "-" + i), sourceId, "Istanbul"), expected));
                    if (answer.getStatusCode() == HttpStatus.CONFLICT) {
                        expected = answer.getBody().get("currentVersion").asLong();
                        continue;
                    }
                    mine.add(answer);
                    expected = answer.getBody().get("version").asLong();
                    break;
                }
            }
            return mine;
        });

        assertThat(answers).hasSize(WRITERS * perWriter).allSatisfy(answer -> assertThat(answer.getStatusCode())
                .isEqualTo(HttpStatus.CREATED));
        assertThat(storedSequence()).containsExactlyElementsOf(range(WRITERS * perWriter + 1));
    }

    /** Half the writers go through this instance, half through the second one. */
    private ResponseEntity<JsonNode> postTo(int writer, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        TestRestTemplate client = writer % 2 == 0 ? http : secondHttp;
        return client.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private interface Writer {
        List<ResponseEntity<JsonNode>> write(int writer) throws Exception;
    }

    private List<ResponseEntity<JsonNode>> runTogether(Writer work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<ResponseEntity<JsonNode>>>> futures = new ArrayList<>();
        for (int writer = 0; writer < WRITERS; writer++) {
            int id = writer;
            Callable<List<ResponseEntity<JsonNode>>> task = () -> {
                start.await();
                return work.write(id);
            };
            futures.add(pool.submit(task));
        }
        start.countDown();
        List<ResponseEntity<JsonNode>> all = Collections.synchronizedList(new ArrayList<>());
        for (Future<List<ResponseEntity<JsonNode>>> future : futures) {
            all.addAll(future.get(2, TimeUnit.MINUTES));
        }
        pool.shutdown();
        return all;
    }

    private List<Long> storedSequence() {
        return jdbc.queryForList(
                "SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ?"
                        + " ORDER BY sequence_number",
                Long.class,
                eventId);
    }

    private List<String> storedAccounts() {
        return jdbc.queryForList(
                "SELECT convert_from(payload, 'UTF8')::json ->> 'accountId' FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ? AND payload_type = 'AccountRecorded'",
                String.class,
                eventId);
    }

    private static List<Long> range(int size) {
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < size; i++) {
            expected.add(i);
        }
        return expected;
    }
}
