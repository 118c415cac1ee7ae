package org.parley.history.service.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.history.service.commands.LedgerFixtures.account;
import static org.parley.history.service.commands.LedgerFixtures.defineNarrative;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;
import static org.parley.history.service.commands.LedgerFixtures.reportEvent;
import static org.parley.history.service.commands.LedgerFixtures.sources;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parley.history.contract.change.NarrativeChangeKind;
import org.parley.history.contract.change.NarrativeChanged;
import org.parley.history.contract.command.RecordAccount;
import org.parley.history.contract.value.Citation;
import org.parley.history.service.commands.LedgerFixtures;
import org.parley.history.service.support.IntegrationTest;
import org.parley.history.service.support.TestKafka;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The narrative topic reacts when an editor records accounts: each change a CloudEvent keyed by the narrative. */
class NarrativeStreamIT extends IntegrationTest {

    private static final String TOPIC = "parley.narratives.v1";

    record Received(Map<String, String> headers, NarrativeChanged change) {}

    @Test
    void an_editors_accounts_reach_the_narrative_topic_as_the_changes_they_make() throws Exception {
        String first = unique("stream-first");
        String second = unique("stream-second");
        String event = unique("stream-round");
        String narrative = unique("stream-narrative");
        post("/api/sources", registerSource(first));
        post("/api/sources", registerSource(second));
        post("/api/events", reportEvent(event, first));
        post("/api/narratives", defineNarrative(narrative, sources(first, second)));
        awaitReadModel();
        post("/api/accounts", account(event, unique("stream-round.first"), first, "Istanbul"));
        awaitReadModel();
        post("/api/accounts", account(event, unique("stream-round.second"), second, "Antalya"));

        List<Received> received = receiveFor(narrative, 3);

        assertThat(received)
                .extracting(r -> r.change().change())
                .containsExactly(
                        NarrativeChangeKind.NARRATIVE_DEFINED,
                        NarrativeChangeKind.EVENT_APPEARED,
                        NarrativeChangeKind.FIELD_DISPUTED);
        Received disputed = received.get(2);
        assertThat(disputed.change().field()).isEqualTo("place");
        assertThat(disputed.change().after()).containsExactlyInAnyOrder("Istanbul", "Antalya");
        assertThat(disputed.change().causes().get(0).sourceId()).isEqualTo(second);
        assertThat(disputed.headers())
                .containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_type", "org.parley.narrative.NarrativeChanged.v1")
                .containsEntry("ce_id", disputed.change().changeId())
                .containsEntry("ce_subject", narrative)
                .containsEntry("ce_partitionkey", narrative)
                .containsEntry("ce_recordedtime", disputed.change().recorded().toString())
                .containsEntry("ce_time", disputed.change().reported().toString())
                .containsEntry(
                        "ce_ledgersequence", Long.toString(disputed.change().ledgerSequence()))
                .containsKeys("ce_source", "ce_sequence", "ce_dataschema");
        long feedPosition = http.getForObject(
                        "/api/narratives/" + narrative + "/changes", com.fasterxml.jackson.databind.JsonNode.class)
                .get("changes")
                .get(2)
                .get("position")
                .asLong();
        assertThat(disputed.headers().get("ce_sequence")).isEqualTo(Long.toString(feedPosition));
        for (Received record : received) {
            assertThat(PublishedSchemas.violations("NarrativeHeaders", objectMapper.valueToTree(record.headers())))
                    .as(
                            "the headers of %s against docs/asyncapi.yaml",
                            record.change().change())
                    .isEmpty();
            assertThat(PublishedSchemas.violations("NarrativeChanged.v1", objectMapper.valueToTree(record.change())))
                    .as(
                            "the body of %s against docs/asyncapi.yaml",
                            record.change().change())
                    .isEmpty();
        }
    }

    @Test
    void an_account_the_narrative_does_not_select_reaches_its_topic_as_the_anomaly_it_reveals() throws Exception {
        String told = unique("anomaly-told");
        String later = unique("anomaly-later");
        String event = unique("anomaly-round");
        String narrative = unique("anomaly-narrative");
        String toldAccount = unique("anomaly-round.told");
        post("/api/sources", registerSource(told));
        post("/api/sources", registerSource(later));
        post("/api/events", reportEvent(event, told));
        post("/api/narratives", defineNarrative(narrative, sources(told)));
        awaitReadModel();
        post("/api/accounts", account(event, toldAccount, told, "Istanbul"));
        awaitReadModel();
        // dated after the told source was published (2024-04-16)
        post(
                "/api/accounts",
                new RecordAccount(
                        event,
                        unique("anomaly-round.later"),
                        Citation.of(later, "¶2"),
                        LedgerFixtures.claims("2025-01-01", "Istanbul"),
                        null));

        List<Received> received = receiveFor(narrative, 3);

        assertThat(received)
                .extracting(r -> r.change().change())
                .containsExactly(
                        NarrativeChangeKind.NARRATIVE_DEFINED,
                        NarrativeChangeKind.EVENT_APPEARED,
                        NarrativeChangeKind.ANOMALY_FLAGGED);
        NarrativeChanged flagged = received.get(2).change();
        assertThat(flagged.accountId()).isEqualTo(toldAccount);
        assertThat(flagged.after().toString()).contains("DESCRIBES_LATER_EVENT");
        assertThat(PublishedSchemas.violations("NarrativeChanged.v1", objectMapper.valueToTree(flagged)))
                .as("the body against docs/asyncapi.yaml")
                .isEmpty();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void while_kafka_is_down_narrative_changes_wait_and_arrive_once_it_is_back(CapturedOutput output) throws Exception {
        String source = unique("outage-source");
        String event = unique("outage-round");
        String narrative = unique("outage-narrative");
        post("/api/sources", registerSource(source));
        post("/api/events", reportEvent(event, source));
        post("/api/narratives", defineNarrative(narrative, sources(source)));
        awaitReadModel();

        TestKafka.broker().stop();
        try {
            assertThat(post("/api/accounts", account(event, unique("outage-round.account"), source, "Gomel"))
                            .getStatusCode()
                            .is2xxSuccessful())
                    .isTrue();
            awaitReadModel();
            Awaitility.await("the relay to fail and back off at least once")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> output.getOut().contains("Narrative changes not published"));
        } finally {
            TestKafka.broker().start();
        }

        assertThat(receiveFor(narrative, 2))
                .extracting(r -> r.change().change())
                .containsExactly(NarrativeChangeKind.NARRATIVE_DEFINED, NarrativeChangeKind.EVENT_APPEARED);
    }

    private List<Received> receiveFor(String narrative, int expected) throws Exception {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.broker().bootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<Received> received = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(5)).stream()
                        .map(info -> new TopicPartition(TOPIC, info.partition()))
                        .toList();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (received.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (narrative.equals(record.key())) {
                        Map<String, String> headers = new HashMap<>();
                        for (Header header : record.headers()) {
                            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
                        }
                        received.add(
                                new Received(headers, objectMapper.readValue(record.value(), NarrativeChanged.class)));
                    }
                }
            }
        }
        return received;
    }
}
