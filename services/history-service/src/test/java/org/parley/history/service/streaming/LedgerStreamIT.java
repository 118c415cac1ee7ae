package org.parley.history.service.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.history.service.commands.LedgerFixtures.account;
import static org.parley.history.service.commands.LedgerFixtures.correction;
import static org.parley.history.service.commands.LedgerFixtures.defineNarrative;
import static org.parley.history.service.commands.LedgerFixtures.link;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;
import static org.parley.history.service.commands.LedgerFixtures.reportEvent;
import static org.parley.history.service.commands.LedgerFixtures.retraction;
import static org.parley.history.service.commands.LedgerFixtures.reviseNarrative;
import static org.parley.history.service.commands.LedgerFixtures.sources;
import static org.parley.history.service.support.LedgerTopic.subjectIn;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.parley.history.contract.event.AccountCorrected;
import org.parley.history.contract.event.AccountRecorded;
import org.parley.history.contract.event.AccountRetracted;
import org.parley.history.contract.event.DiplomaticEventReported;
import org.parley.history.contract.event.EventsLinked;
import org.parley.history.contract.event.NarrativeDefined;
import org.parley.history.contract.event.NarrativeRevised;
import org.parley.history.contract.event.SourceRegistered;
import org.parley.history.service.support.IntegrationTest;
import org.parley.history.service.support.LedgerTopic;
import org.parley.history.service.support.LedgerTopic.Received;
import org.parley.history.service.support.TestKafka;
import org.springframework.http.HttpStatus;

/** The ledger topic as a newsroom reads it: every event, as a CloudEvent, in ledger order per aggregate. */
class LedgerStreamIT extends IntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void every_event_type_arrives_as_a_cloud_event_whose_body_is_the_contract_record_as_the_ledger_holds_it()
            throws Exception {
        String sourceId = unique("source");
        String eventId = unique("event");
        String otherEventId = unique("other-event");
        String accountId = unique("account");
        String narrativeId = unique("narrative");
        created(post("/api/sources", registerSource(sourceId)).getStatusCode());
        created(post("/api/events", reportEvent(eventId, sourceId)).getStatusCode());
        created(post("/api/events", reportEvent(otherEventId, sourceId)).getStatusCode());
        created(post("/api/accounts", account(eventId, accountId, sourceId, "Istanbul"))
                .getStatusCode());
        created(post("/api/corrections", correction(eventId, accountId, unique("correction"), sourceId))
                .getStatusCode());
        created(post("/api/retractions", retraction(eventId, accountId, unique("retraction"), sourceId))
                .getStatusCode());
        created(post("/api/links", link(eventId, unique("link"), otherEventId, sourceId))
                .getStatusCode());
        created(post("/api/narratives", defineNarrative(narrativeId, sources(sourceId)))
                .getStatusCode());
        created(post("/api/narrative-revisions", reviseNarrative(narrativeId, unique("revision"), sources(sourceId)))
                .getStatusCode());
        Set<String> subjects = Set.of(sourceId, eventId, otherEventId, narrativeId);

        List<Received> received;
        try (LedgerTopic topic = LedgerTopic.fromBeginning()) {
            received = topic.await(subjectIn(subjects), 9, PATIENCE);
        }

        List<Map<String, Object>> ledger = jdbc.queryForList(
                "SELECT global_index, event_identifier, aggregate_identifier, payload_type, time_stamp, payload"
                        + " FROM domain_event_entry WHERE aggregate_identifier IN (?, ?, ?, ?) ORDER BY global_index",
                sourceId,
                eventId,
                otherEventId,
                narrativeId);
        assertThat(ledger).hasSize(9);
        assertThat(received).hasSize(9);
        for (Map<String, Object> stored : ledger) {
            String storedId = (String) stored.get("event_identifier");
            Received record = received.stream()
                    .filter(candidate -> storedId.equals(candidate.header("ce_id")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("ledger event " + storedId + " not on the topic"));
            String type = (String) stored.get("payload_type");
            String aggregateId = (String) stored.get("aggregate_identifier");
            Instant recordedAt = Instant.parse((String) stored.get("time_stamp"));

            assertThat(record.key()).isEqualTo(aggregateId);
            assertThat(record.header("ce_specversion")).isEqualTo("1.0");
            assertThat(record.header("ce_source")).isEqualTo("urn:parley:ledger");
            assertThat(record.header("ce_type")).isEqualTo("org.parley.ledger." + type + ".v1");
            assertThat(record.header("ce_subject")).isEqualTo(aggregateId);
            assertThat(record.header("ce_partitionkey")).isEqualTo(aggregateId);
            assertThat(record.header("ce_sequence"))
                    .isEqualTo(stored.get("global_index").toString());
            assertThat(record.header("ce_recordedtime")).isEqualTo(recordedAt.toString());
            assertThat(record.header("ce_dataschema"))
                    .isEqualTo("urn:parley:asyncapi:parley.ledger.v1:" + type + ".v1");
            assertThat(record.header("content-type")).isEqualTo("application/json");
            assertThat(record.header("ce_correlationid")).isNotBlank();
            assertThat(record.header("ce_causationid")).isNotBlank();
            assertThat(record.timestamp()).isEqualTo(recordedAt.toEpochMilli());
            assertThat(objectMapper.readTree(record.message().data()))
                    .isEqualTo(objectMapper.readTree((byte[]) stored.get("payload")));
            assertThat(record.message().event()).isNotNull();
            assertThat(record.message().event().getClass().getSimpleName()).isEqualTo(type);
            assertThat(record.message().event().aggregateId()).isEqualTo(aggregateId);
            assertThat(record.message().sequence()).isEqualTo(((Number) stored.get("global_index")).longValue());

            String expectedTime =
                    switch (type) {
                        case "SourceRegistered" -> "2024-04-16T00:00:00Z";
                        case "AccountCorrected" -> "2024-05-02T00:00:00Z";
                        case "AccountRetracted" -> "2024-06-01T00:00:00Z";
                        default -> recordedAt.toString();
                    };
            String expectedPrecision =
                    switch (type) {
                        case "SourceRegistered", "AccountCorrected" -> "DAY";
                        case "AccountRetracted" -> "MONTH";
                        default -> null;
                    };
            assertThat(record.header("ce_time")).as("ce_time of " + type).isEqualTo(expectedTime);
            assertThat(PublishedSchemas.violations(
                            type + ".v1", objectMapper.readTree(record.message().data())))
                    .as("the body of %s against docs/asyncapi.yaml", type)
                    .isEmpty();
            assertThat(PublishedSchemas.violations("LedgerHeaders", objectMapper.valueToTree(record.headers())))
                    .as("the headers of %s against docs/asyncapi.yaml", type)
                    .isEmpty();
            assertThat(record.header("ce_reportedprecision")).isEqualTo(expectedPrecision);
        }
        assertThat(received.stream()
                        .map(record -> (Object) record.message().event().getClass()))
                .containsExactlyInAnyOrder(
                        SourceRegistered.class,
                        DiplomaticEventReported.class,
                        DiplomaticEventReported.class,
                        AccountRecorded.class,
                        AccountCorrected.class,
                        AccountRetracted.class,
                        EventsLinked.class,
                        NarrativeDefined.class,
                        NarrativeRevised.class);
    }

    @Test
    void under_concurrent_writes_each_aggregate_arrives_in_ledger_order() throws Exception {
        String sourceId = unique("source");
        created(post("/api/sources", registerSource(sourceId)).getStatusCode());
        List<String> events = List.of(unique("e1"), unique("e2"), unique("e3"));
        for (String eventId : events) {
            created(post("/api/events", reportEvent(eventId, sourceId)).getStatusCode());
        }
        int accountsPerEvent = 15;
        ExecutorService writers = Executors.newFixedThreadPool(6);
        List<Future<HttpStatus>> writes = new ArrayList<>();
        for (int i = 0; i < accountsPerEvent; i++) {
            for (String eventId : events) {
                String accountId = eventId + ".a" + i;
                writes.add(writers.submit(() ->
                        HttpStatus.valueOf(post("/api/accounts", account(eventId, accountId, sourceId, "Istanbul"))
                                .getStatusCode()
                                .value())));
            }
        }
        for (Future<HttpStatus> write : writes) {
            assertThat(write.get()).isEqualTo(HttpStatus.CREATED);
        }
        writers.shutdown();

        List<Received> received;
        try (LedgerTopic topic = LedgerTopic.fromBeginning()) {
            received = topic.await(subjectIn(events), events.size() * (accountsPerEvent + 1), PATIENCE);
        }

        Map<String, List<Received>> byKey = LedgerTopic.byKey(received);
        // Concurrent commits leave gaps that later commits fill; each record still carries its own global sequence.
        for (Received record : received) {
            assertThat(record.header("ce_sequence"))
                    .isEqualTo(jdbc.queryForObject(
                                    "SELECT global_index FROM domain_event_entry WHERE event_identifier = ?",
                                    Long.class,
                                    record.header("ce_id"))
                            .toString());
        }
        for (String eventId : events) {
            List<String> ledgerOrder = jdbc.queryForList(
                    "SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ?"
                            + " ORDER BY sequence_number",
                    String.class,
                    eventId);
            List<String> topicOrder = byKey.get(eventId).stream()
                    .map(record -> record.header("ce_id"))
                    .distinct()
                    .toList();
            assertThat(ledgerOrder).hasSize(accountsPerEvent + 1);
            assertThat(topicOrder).as("the order of %s on the topic", eventId).isEqualTo(ledgerOrder);
            assertThat(byKey.get(eventId).stream().map(Received::partition).distinct())
                    .hasSize(1);
        }
    }

    @Test
    void a_consumer_can_start_from_a_timestamp_and_gets_what_was_recorded_from_then_on() throws Exception {
        String before = unique("before");
        String after = unique("after");
        created(post("/api/sources", registerSource(before)).getStatusCode());
        Instant from;
        try (LedgerTopic topic = LedgerTopic.fromBeginning()) {
            List<Received> first = topic.await(subjectIn(Set.of(before)), 1, PATIENCE);
            assertThat(first).hasSize(1);
            // The millisecond after the first one was recorded (record timestamps are the recorded time, in ms).
            from = Instant.ofEpochMilli(first.get(0).timestamp() + 1);
        }
        Awaitility.await("the clock at " + from).atMost(PATIENCE).until(() -> !Instant.now()
                .isBefore(from));
        created(post("/api/sources", registerSource(after)).getStatusCode());
        created(post("/api/events", reportEvent(after + "-event", after)).getStatusCode());

        List<Received> received;
        try (LedgerTopic topic = LedgerTopic.fromTimestamp(from)) {
            topic.await(subjectIn(Set.of(before, after, after + "-event")), 2, PATIENCE);
            received = topic.drain(subjectIn(Set.of(before, after, after + "-event")), Duration.ofSeconds(1));
        }

        assertThat(received)
                .extracting(record -> record.header("ce_subject"))
                .containsExactlyInAnyOrder(after, after + "-event");
    }

    @Test
    void the_service_creates_the_ledger_topic_with_its_partitions_and_keeps_everything_on_it() throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.broker().bootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, LedgerTopic.NAME);
            Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
            int partitions = admin.describeTopics(List.of(LedgerTopic.NAME))
                    .allTopicNames()
                    .get()
                    .get(LedgerTopic.NAME)
                    .partitions()
                    .size();

            assertThat(partitions).isEqualTo(6);
            assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("delete");
        }
    }

    @Test
    void anyone_can_read_the_asyncapi_document_of_the_streams_from_the_service() {
        org.springframework.http.ResponseEntity<String> document =
                anonymous.getForEntity("/asyncapi.yaml", String.class);

        assertThat(document.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(document.getBody()).startsWith("asyncapi: 2.6.0").contains("parley.ledger.v1:");
    }

    private static void created(org.springframework.http.HttpStatusCode status) {
        assertThat(status).isEqualTo(HttpStatus.CREATED);
    }
}
