package org.parley.history.service.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.history.contract.EventTypes;
import org.parley.history.service.ParleyApplication;
import org.parley.history.service.support.IntegrationTest;
import org.parley.history.service.support.LedgerTopic;
import org.parley.history.service.support.TestDatabase;
import org.parley.history.service.support.TestKafka;
import org.parley.history.service.support.TestUsers;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.web.util.DefaultUriBuilderFactory;

/**
 * An instance started on a ledger that Parley wrote before stored types had stable names
 * ({@code legacy-ledger/ledger-before-stable-names.sql}: the seeds and the README's tour as main stored them, with
 * the contract's class names and no revision), in a database of its own migrated to V7 first, as an existing
 * {@code ./data} would be. It must read every event, answer as the old code did, stream the old events under the
 * stable names, and write new ones under them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LegacyLedgerIT {

    /** The rows in the fixture: 289 seed commands and 10 of the tour's writes. */
    private static final int LEGACY_EVENTS = 299;

    private static final String LEGACY_PREFIX = "org.parley.history.contract.event.";

    /**
     * Both times of the seed questions: after the last seed row (recorded 13:35:53.659) and before the tour's first
     * (13:36:04.950), so they see the seeds alone and never depend on now. asOf is this instant too, not a date in
     * 2025: a source with an unknown publication counts from when Parley recorded it, so an earlier asOf would leave
     * out every account of the seeds' undated sources.
     */
    private static final String SEEDS = "2026-12-02T13:36:00Z";

    private static final String AT_SEEDS = "asOf=" + SEEDS + "&recordedAsOf=" + SEEDS;

    private static final String ALL_SOURCES_BY_TEN = "/api/narratives/all-sources/timeline?" + AT_SEEDS + "&limit=10";

    private static final ObjectMapper json = new ObjectMapper();
    private static String ledgerTopic;
    private static ConfigurableApplicationContext instance;
    private static TestRestTemplate http;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void startOnTheOldLedger() throws SQLException {
        TestDatabase.Connection server = TestDatabase.connection();
        String database = "legacy_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection connection = DriverManager.getConnection(server.url(), server.username(), server.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        String url = server.url().replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
        DataSource dataSource = new DriverManagerDataSource(url, server.username(), server.password());
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .target("7")
                .load()
                .migrate();
        try (Connection connection = dataSource.getConnection()) {
            ScriptUtils.executeSqlScript(
                    connection, new ClassPathResource("legacy-ledger/ledger-before-stable-names.sql"));
        }
        jdbc = new JdbcTemplate(dataSource);

        ledgerTopic = "legacy-ledger-" + database;
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + server.username(),
                "--spring.datasource.password=" + server.password(),
                "--parley.seeds.load-on-start=false",
                "--parley.streams.ledger.name=" + ledgerTopic,
                "--parley.streams.narratives.name=legacy-narratives-" + database));
        arguments.addAll(List.of(TestUsers.asArguments()));
        arguments.addAll(List.of(TestKafka.asArguments()));
        instance = new SpringApplicationBuilder(ParleyApplication.class).run(arguments.toArray(String[]::new));
        int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
        http = new TestRestTemplate(IntegrationTest.TESTER, IntegrationTest.TESTER_PASSWORD);
        http.setUriTemplateHandler(new DefaultUriBuilderFactory("http://localhost:" + port));
    }

    @AfterAll
    static void stop() {
        if (instance != null) {
            instance.close();
        }
    }

    @Test
    @Order(1)
    void the_read_model_reads_every_old_event_and_answers_as_the_old_code_did() throws IOException {
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE ? AND payload_revision IS NULL",
                        Long.class,
                        LEGACY_PREFIX + "%"))
                .isEqualTo(LEGACY_EVENTS);

        awaitReadModelAt(LEGACY_EVENTS);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM read_account_fact", Long.class))
                .isPositive();
        // Tokens are not ledger events: they keep Axon's own class-name types.
        assertThat(jdbc.queryForList(
                        "SELECT DISTINCT token_type FROM token_entry WHERE token_type IS NOT NULL", String.class))
                .isNotEmpty()
                .allSatisfy(tokenType -> assertThat(tokenType).startsWith("org.axonframework."));
        assertAnswers("/api/events/my-round-2/history?asOf=2025-12-31", "history-my-round-2.json");
        assertAnswers(
                "/api/narratives/west-blocked-settlement/comparison?with=bucha-and-guarantees&asOf=2025-01-01",
                "comparison.json");
        assertAnswers("/api/narratives/my-narrative/timeline?asOf=2025-12-31", "timeline-my-narrative.json");
        assertAnswers("/api/sources/my-charap-radchenko", "source.json");
    }

    /**
     * The five questions on the seeds, each answer recorded from the old code (28bfe78, before the package-by-feature
     * restructure and the stable names) on this same ledger, in a throw-away checkout.
     */
    static Stream<Arguments> the_seed_questions() {
        Stream<Arguments> timelines = Stream.of(
                        "all-sources",
                        "west-blocked-settlement",
                        "bucha-and-guarantees",
                        "istanbul-as-basis",
                        "kremlin-initialled-draft-discarded",
                        "security-demands-refused")
                .map(narrative -> Arguments.of(
                        "/api/narratives/" + narrative + "/timeline?" + AT_SEEDS, "timeline-" + narrative + ".json"));
        Stream<Arguments> others = Stream.of(
                Arguments.of(
                        "/api/narratives/west-blocked-settlement/comparison?with=bucha-and-guarantees&asOf=2025-01-01"
                                + "&recordedAsOf=" + SEEDS,
                        "comparison-west-blocked-settlement-with-bucha-and-guarantees.json"),
                Arguments.of(
                        "/api/narratives/istanbul-as-basis/comparison?with=kremlin-initialled-draft-discarded&"
                                + AT_SEEDS,
                        "comparison-istanbul-as-basis-with-kremlin-initialled-draft-discarded.json"),
                Arguments.of(
                        "/api/narratives/all-sources/evolution?from=2023-01-01&to=2025-01-01&step=MONTH&recordedAsOf="
                                + SEEDS,
                        "evolution-all-sources-monthly.json"),
                Arguments.of(
                        "/api/narratives/west-blocked-settlement/evolution?from=2021-12-31&to=" + SEEDS
                                + "&step=YEAR&recordedAsOf=" + SEEDS,
                        "evolution-west-blocked-settlement-yearly.json"),
                Arguments.of(
                        "/api/events/russia-security-proposals/history?" + AT_SEEDS,
                        "history-russia-security-proposals.json"),
                // The seeds hold no correction or retraction; this is their event with the most accounts.
                Arguments.of("/api/events/talks-suspended/history?" + AT_SEEDS, "history-talks-suspended.json"),
                Arguments.of("/api/sources/fa-hill-stent?" + AT_SEEDS, "source-fa-hill-stent.json"),
                Arguments.of(
                        "/api/sources/seed-001-global-research-snider?" + AT_SEEDS,
                        "source-seed-001-global-research-snider.json"),
                Arguments.of("/api/sources?" + AT_SEEDS, "sources.json"),
                Arguments.of("/api/narratives?recordedAsOf=" + SEEDS, "narratives.json"),
                Arguments.of(ALL_SOURCES_BY_TEN, "timeline-all-sources-limit-10-page-1.json"));
        return Stream.concat(timelines, others);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("the_seed_questions")
    @Order(2)
    void the_seeds_are_answered_as_the_old_code_answered(String question, String answeredBefore) throws IOException {
        awaitReadModelAt(LEGACY_EVENTS);

        assertAnswers(question, answeredBefore);
    }

    @Test
    @Order(3)
    void a_deep_page_of_all_sources_is_reached_by_the_cursor_as_before() throws IOException {
        awaitReadModelAt(LEGACY_EVENTS);
        String cursor = null;
        for (int page = 1; page < 4; page++) {
            String question = cursor == null ? ALL_SOURCES_BY_TEN : ALL_SOURCES_BY_TEN + "&after={after}";
            ResponseEntity<JsonNode> answer = http.getForEntity(question, JsonNode.class, cursor);
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
            cursor = answer.getBody().get("nextPage").asText();
        }

        assertAnswers(ALL_SOURCES_BY_TEN + "&after=" + cursor, "timeline-all-sources-limit-10-page-4.json");
    }

    @Test
    @Order(4)
    void the_ledger_shows_old_rows_under_their_stable_names() {
        JsonNode ledger = http.getForObject("/api/ledger?aggregateId=my-round-2", JsonNode.class);

        List<String> types = new ArrayList<>();
        ledger.get("entries").forEach(entry -> {
            types.add(entry.get("type").asText());
            assertThat(entry.get("revision").asInt()).isEqualTo(1);
        });
        assertThat(types)
                .containsExactly(
                        "DiplomaticEventReported",
                        "AccountRecorded",
                        "AccountRecorded",
                        "AccountCorrected",
                        "AccountRetracted",
                        "EventsLinked");
    }

    @Test
    @Order(5)
    void the_stream_carries_the_old_events_under_their_stable_names() {
        Map<String, Long> stored =
                jdbc.queryForList("SELECT payload_type FROM domain_event_entry", String.class).stream()
                        .collect(Collectors.groupingBy(
                                type -> "org.parley.ledger." + type.substring(LEGACY_PREFIX.length()) + ".v1",
                                Collectors.counting()));

        List<LedgerTopic.Received> received;
        try (LedgerTopic topic = LedgerTopic.fromBeginningOf(ledgerTopic)) {
            received = topic.awaitDistinct(record -> true, LEGACY_EVENTS, Duration.ofSeconds(90));
        }

        assertThat(received).hasSize(LEGACY_EVENTS);
        assertThat(received.stream()
                        .collect(Collectors.groupingBy(record -> record.header("ce_type"), Collectors.counting())))
                .isEqualTo(stored);
        assertThat(received)
                .allSatisfy(record -> assertThat(record.message().knownEvent()).isPresent());
        // every type there was before stable names; the types added since cannot be on this ledger
        assertThat(stored.keySet())
                .containsExactlyInAnyOrderElementsOf(LegacyEventTypes.STABLE_NAMES.values().stream()
                        .map(name -> "org.parley.ledger." + name + ".v1")
                        .toList());
        assertThat(LegacyEventTypes.STABLE_NAMES.values())
                .allSatisfy(name -> assertThat(EventTypes.ledgerNamed(name)).isPresent());
    }

    @Test
    @Order(6)
    void an_old_aggregate_takes_new_events_under_the_stable_names_and_keeps_its_rules() throws IOException {
        String account =
                """
                {"eventId": "my-round-2", "accountId": "my-round-2.later", "citation": {"sourceId": "my-bennett-interview",
                 "locator": "min 50"}, "claims": {"place": "Minsk, Belarus"}}""";
        ResponseEntity<JsonNode> recorded = post("/api/accounts", account);
        // The same id with other content: the aggregate, loaded from the old rows, knows it.
        ResponseEntity<JsonNode> conflicting = post(
                "/api/accounts",
                """
                {"eventId": "my-round-2", "accountId": "my-round-2.fa", "citation": {"sourceId": "my-bennett-interview",
                 "locator": "min 51"}, "claims": {"place": "Minsk, Belarus"}}""");

        assertThat(recorded.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(recorded.getBody().get("version").asLong()).isEqualTo(6);
        assertThat(conflicting.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(jdbc.queryForMap("SELECT payload_type, payload_revision FROM domain_event_entry"
                        + " WHERE aggregate_identifier = 'my-round-2' AND sequence_number = 6"))
                .containsEntry("payload_type", "AccountRecorded")
                .containsEntry("payload_revision", "1");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE ?",
                        Long.class,
                        LEGACY_PREFIX + "%"))
                .isEqualTo(LEGACY_EVENTS);
        awaitReadModelAt(LEGACY_EVENTS + 1);
        JsonNode history = http.getForObject("/api/events/my-round-2/history", JsonNode.class);
        assertThat(history.toString()).contains("my-round-2.later");
    }

    private static void awaitReadModelAt(long position) {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            JsonNode status = http.getForObject("/api/rebuilds/current", JsonNode.class);
            assertThat(status.get("state").asText()).isEqualTo("CURRENT");
            assertThat(status.get("ledgerPosition").asLong()).isGreaterThanOrEqualTo(position);
        });
    }

    /**
     * The answer must be the same JSON and, since the service writes a given answer the same way every time, the
     * same bytes: the parsed comparison names the field that differs, the byte comparison catches what it cannot see
     * (the order of fields, the form of a number).
     */
    private static void assertAnswers(String question, String answeredBefore) throws IOException {
        byte[] expected = new ClassPathResource("legacy-ledger/answers/" + answeredBefore).getContentAsByteArray();

        ResponseEntity<byte[]> answer = http.getForEntity(question, byte[].class);

        assertThat(answer.getStatusCode()).as(question).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(answer.getBody())).as(question).isEqualTo(json.readTree(expected));
        assertThat(new String(answer.getBody(), StandardCharsets.UTF_8))
                .as(question)
                .isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(answer.getBody()).as(question).isEqualTo(expected);
    }

    private static ResponseEntity<JsonNode> post(String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }
}
