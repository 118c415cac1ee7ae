package org.parley.history.service.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.history.service.commands.LedgerFixtures.account;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;
import static org.parley.history.service.commands.LedgerFixtures.reportEvent;
import static org.parley.history.service.support.LedgerTopic.subjectIn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.parley.history.contract.command.ParleyCommand;
import org.parley.history.contract.command.RecordAccount;
import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Citation;
import org.parley.history.service.support.IntegrationTest;
import org.parley.history.service.support.LedgerTopic;
import org.parley.history.service.support.LedgerTopic.Received;
import org.parley.history.service.support.TestKafka;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * What happens to the stream when things go wrong: Kafka down, the service dying between a send and saving its
 * position, a record Kafka will not take. Nothing is lost and, per aggregate, nothing is reordered.
 */
class StreamFaultsIT extends IntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void while_kafka_is_down_writes_succeed_and_once_it_is_back_every_event_arrives_in_ledger_order() throws Exception {
        String sourceId = unique("source");
        String eventId = unique("event");
        int accounts = 10;

        TestKafka.broker().stop();
        try {
            assertThat(post("/api/sources", registerSource(sourceId)).getStatusCode())
                    .isEqualTo(HttpStatus.CREATED);
            assertThat(post("/api/events", reportEvent(eventId, sourceId)).getStatusCode())
                    .isEqualTo(HttpStatus.CREATED);
            for (int i = 0; i < accounts; i++) {
                assertThat(post("/api/accounts", account(eventId, eventId + ".a" + i, sourceId, "Gomel"))
                                .getStatusCode())
                        .isEqualTo(HttpStatus.CREATED);
            }
            awaitPublisherFailure();
        } finally {
            TestKafka.broker().start();
        }

        List<Received> received;
        try (LedgerTopic topic = LedgerTopic.fromBeginning()) {
            received = topic.await(subjectIn(Set.of(sourceId, eventId)), accounts + 2, PATIENCE);
        }

        assertThat(distinctIds(received)).hasSize(accounts + 2);
        assertThat(idsInTopicOrder(received, eventId)).isEqualTo(ledgerOrder(eventId));
        assertThat(idsInTopicOrder(received, sourceId)).isEqualTo(ledgerOrder(sourceId));
    }

    @Test
    void under_the_pipelined_publisher_each_key_keeps_its_order_when_kafka_stops_and_starts_mid_way() throws Exception {
        String sourceId = unique("source");
        List<String> eventIds = List.of(unique("event-a"), unique("event-b"), unique("event-c"));
        List<String> lines = new ArrayList<>(List.of(line(registerSource(sourceId))));
        eventIds.forEach(eventId -> lines.add(line(reportEvent(eventId, sourceId))));
        int accounts = 900;
        for (int i = 0; i < accounts; i++) {
            String eventId = eventIds.get(i % eventIds.size());
            lines.add(line(account(eventId, eventId + ".a" + i, sourceId, "Gomel")));
        }
        Set<String> subjects = new HashSet<>(eventIds);
        subjects.add(sourceId);

        List<Received> received;
        try (LedgerTopic topic = LedgerTopic.fromBeginning()) {
            importLines(lines.subList(0, 304));
            topic.awaitDistinct(subjectIn(subjects), 50, PATIENCE);
            TestKafka.broker().stop();
            try {
                importLines(lines.subList(304, 604));
                awaitPublisherFailure();
            } finally {
                TestKafka.broker().start();
            }
            importLines(lines.subList(604, lines.size()));
            received = topic.awaitDistinct(subjectIn(subjects), accounts + 4, PATIENCE);
        }

        assertThat(distinctIds(received)).hasSize(accounts + 4);
        for (String key : subjects) {
            assertThat(idsInTopicOrder(received, key))
                    .as("the order of %s", key)
                    .isEqualTo(ledgerOrder(key));
        }
    }

    private void importLines(List<String> lines) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("application/x-ndjson"));
        JsonNode report =
                post("/api/import", String.join("\n", lines) + "\n", headers).getBody();
        assertThat(report.get("accepted").asInt()).as(report.toString()).isEqualTo(lines.size());
    }

    private String line(ParleyCommand command) {
        ObjectNode node = (ObjectNode) objectMapper.valueToTree(command);
        node.put("type", command.getClass().getSimpleName());
        return node.toString();
    }

    /**
     * The position is committed to the database after the sends. A trigger makes every such commit fail for a while,
     * as a crash at that moment would: the events are on Kafka, the position is not. The publisher starts again from the saved
     * position and sends every one of them again, with the same id and the same content.
     */
    @Test
    void when_the_position_is_not_saved_after_a_send_the_events_are_sent_again_with_the_same_id_and_none_skipped()
            throws Exception {
        String sourceId = unique("source");
        String eventId = unique("event");
        int events = 7;
        Set<String> subjects = Set.of(sourceId, eventId);
        List<Received> received;
        try (LedgerTopic topic = LedgerTopic.fromBeginning()) {
            failPositionSaves();
            try {
                post("/api/sources", registerSource(sourceId));
                post("/api/events", reportEvent(eventId, sourceId));
                for (int i = 0; i < events - 2; i++) {
                    post("/api/accounts", account(eventId, eventId + ".a" + i, sourceId, "Gomel"));
                }
                assertThat(distinctIds(topic.awaitDistinct(subjectIn(subjects), events, PATIENCE)))
                        .as("sent before the position was saved")
                        .hasSize(events);
            } finally {
                long failed = stopFailingPositionSaves();
                assertThat(failed).as("position saves that failed").isGreaterThan(0);
            }
            received = topic.awaitUntil(
                    subjectIn(subjects),
                    sofar -> sofar.stream()
                            .collect(Collectors.groupingBy(record -> record.header("ce_id"), Collectors.counting()))
                            .values()
                            .stream()
                            .allMatch(copies -> copies >= 2),
                    PATIENCE);
        }

        Map<String, List<Received>> byId =
                received.stream().collect(Collectors.groupingBy(record -> record.header("ce_id")));
        assertThat(byId).hasSize(events);
        byId.values().forEach(copies -> {
            assertThat(copies).as("every event sent again").hasSizeGreaterThanOrEqualTo(2);
            assertThat(copies)
                    .extracting(Received::headers)
                    .containsOnly(copies.get(0).headers());
            assertThat(copies)
                    .extracting(record -> new String(record.message().data()))
                    .containsOnly(new String(copies.get(0).message().data()));
        });
        assertThat(idsInTopicOrder(received, eventId)).isEqualTo(ledgerOrder(eventId));
    }

    @Test
    void a_record_kafka_refuses_is_parked_for_an_operator_while_the_events_after_it_are_published() throws Exception {
        String sourceId = unique("source");
        String eventId = unique("event");
        post("/api/sources", registerSource(sourceId));
        post("/api/events", reportEvent(eventId, sourceId));
        String bigAccount = eventId + ".big";
        String smallAccount = eventId + ".small";

        limitTopicMessageBytes("8000");
        try {
            assertThat(post("/api/accounts", largeAccount(eventId, bigAccount, sourceId))
                            .getStatusCode())
                    .isEqualTo(HttpStatus.CREATED);
            assertThat(post("/api/accounts", account(eventId, smallAccount, sourceId, "Gomel"))
                            .getStatusCode())
                    .isEqualTo(HttpStatus.CREATED);
            try (LedgerTopic topic = LedgerTopic.fromBeginning()) {
                List<Received> received = topic.await(subjectIn(Set.of(eventId)), 2, PATIENCE);
                assertThat(received)
                        .extracting(record -> record.header("ce_type"))
                        .containsExactly(
                                "org.parley.ledger.DiplomaticEventReported.v1", "org.parley.ledger.AccountRecorded.v1");
            }
        } finally {
            limitTopicMessageBytes(null);
        }
        String bigEventId = ledgerOrder(eventId).get(1);
        JsonNode parked = http.getForObject("/api/stream/parked", JsonNode.class);
        JsonNode entry = find(parked.get("parked"), bigEventId);
        assertThat(entry).as("the parked event in %s", parked).isNotNull();
        assertThat(entry.get("aggregateId").asText()).isEqualTo(eventId);
        assertThat(entry.get("type").asText()).isEqualTo("AccountRecorded");
        assertThat(entry.get("error").asText()).containsIgnoringCase("large");

        ResponseEntity<JsonNode> retried = post("/api/stream/parked?eventId=" + bigEventId, null);

        assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(retried.getBody().get("results").get(0).get("outcome").asText())
                .isEqualTo("PUBLISHED");
        try (LedgerTopic topic = LedgerTopic.fromBeginning()) {
            List<Received> received = topic.await(subjectIn(Set.of(eventId)), 3, PATIENCE);
            assertThat(received).extracting(record -> record.header("ce_id")).contains(bigEventId);
        }
        assertThat(find(http.getForObject("/api/stream/parked", JsonNode.class).get("parked"), bigEventId))
                .isNull();
        assertThat(find(
                                http.getForObject("/api/stream/parked?includePublished=true", JsonNode.class)
                                        .get("parked"),
                                bigEventId)
                        .get("publishedAt")
                        .isNull())
                .isFalse();
    }

    private static RecordAccount largeAccount(String eventId, String accountId, String sourceId) {
        String text = "x".repeat(4000);
        return new RecordAccount(
                eventId,
                accountId,
                Citation.of(sourceId, "¶1"),
                new AccountClaims(null, "Gomel", null, text, text, text, text, text),
                null);
    }

    private static JsonNode find(JsonNode entries, String eventId) {
        for (JsonNode entry : entries) {
            if (entry.get("eventId").asText().equals(eventId)) {
                return entry;
            }
        }
        return null;
    }

    private void failPositionSaves() {
        jdbc.execute("CREATE SEQUENCE test_failed_position_saves");
        jdbc.execute("CREATE FUNCTION test_fail_position_save() RETURNS trigger AS $$ BEGIN"
                + " IF NEW.processor_name = 'ledger-publisher' AND NEW.token IS DISTINCT FROM OLD.token THEN"
                + " PERFORM nextval('test_failed_position_saves');"
                + " RAISE EXCEPTION 'the service died before it saved its position'; END IF;"
                + " RETURN NEW; END $$ LANGUAGE plpgsql");
        // Deferred to the commit, which comes after the handler's sends: the moment a crash would hit.
        jdbc.execute("CREATE CONSTRAINT TRIGGER test_fail_position_save AFTER UPDATE ON token_entry"
                + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_fail_position_save()");
    }

    /** Removes the trigger and says how many saves it made fail. */
    private long stopFailingPositionSaves() {
        jdbc.execute("DROP TRIGGER IF EXISTS test_fail_position_save ON token_entry");
        jdbc.execute("DROP FUNCTION IF EXISTS test_fail_position_save()");
        Long failed = jdbc.queryForObject(
                "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM test_failed_position_saves", Long.class);
        jdbc.execute("DROP SEQUENCE IF EXISTS test_failed_position_saves");
        return failed;
    }

    /** Until the publisher has failed to send and is backing off (Axon marks its segment in error meanwhile). */
    private void awaitPublisherFailure() {
        TrackingEventProcessor publisher = processing
                .eventProcessor(LedgerPublisher.PROCESSING_GROUP, TrackingEventProcessor.class)
                .orElseThrow();
        Awaitility.await("the publisher to fail and back off at least once")
                .atMost(PATIENCE)
                .until(() -> publisher.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState));
    }

    /** Sets (or, with null, removes) the ledger topic's max.message.bytes. */
    private static void limitTopicMessageBytes(String bytes) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, LedgerTopic.NAME);
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.broker().bootstrapServers()))) {
            ConfigEntry entry = new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, bytes);
            AlterConfigOp op =
                    new AlterConfigOp(entry, bytes == null ? AlterConfigOp.OpType.DELETE : AlterConfigOp.OpType.SET);
            admin.incrementalAlterConfigs(Map.of(topic, List.of(op))).all().get();
            // The broker applies a topic's new configuration asynchronously: until it reports it as the topic's.
            Awaitility.await("the broker to apply " + TopicConfig.MAX_MESSAGE_BYTES_CONFIG + "=" + bytes)
                    .atMost(PATIENCE)
                    .until(() -> {
                        ConfigEntry applied = admin.describeConfigs(List.of(topic))
                                .all()
                                .get()
                                .get(topic)
                                .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
                        return bytes == null
                                ? applied.source() != ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG
                                : bytes.equals(applied.value());
                    });
        }
    }

    private static Set<String> distinctIds(List<Received> received) {
        return received.stream().map(record -> record.header("ce_id")).collect(Collectors.toSet());
    }

    private static List<String> idsInTopicOrder(List<Received> received, String aggregateId) {
        return received.stream()
                .filter(record -> aggregateId.equals(record.key()))
                .map(record -> record.header("ce_id"))
                .distinct()
                .toList();
    }

    private List<String> ledgerOrder(String aggregateId) {
        return jdbc.queryForList(
                "SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY"
                        + " sequence_number",
                String.class,
                aggregateId);
    }
}
