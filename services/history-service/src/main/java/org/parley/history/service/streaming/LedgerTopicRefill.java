package org.parley.history.service.streaming;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Notices a lost ledger topic: Kafka holds nothing on it (a fresh embedded broker, a re-created cluster) while the
 * publisher's stored position says it published events. Then the position is reset before the processor starts, and
 * the whole ledger is published again, in order, with the same {@code ce_id}s.
 */
@Component
class LedgerTopicRefill {

    private static final Logger log = LoggerFactory.getLogger(LedgerTopicRefill.class);

    private final KafkaAdmin kafkaAdmin;
    private final JdbcTemplate jdbc;
    private final StreamSettings settings;

    LedgerTopicRefill(KafkaAdmin kafkaAdmin, JdbcTemplate jdbc, StreamSettings settings) {
        this.kafkaAdmin = kafkaAdmin;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    void refillIfLost(Configuration axon) {
        if (!settings.refillLostTopic() || !hasPublished()) {
            return;
        }
        Optional<Long> written = recordsEverWritten(settings.ledger().name());
        if (written.isEmpty() || written.get() > 0) {
            return;
        }
        StreamingEventProcessor publisher = axon.eventProcessingConfiguration()
                .eventProcessor(LedgerPublisher.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        try {
            publisher.resetTokens();
            log.warn(
                    "The ledger topic {} holds nothing, yet the publisher had published events: the topic was lost"
                            + " (a fresh broker?). Publishing the whole ledger again.",
                    settings.ledger().name());
        } catch (UnableToClaimTokenException e) {
            log.warn(
                    "The ledger topic {} holds nothing, yet the publisher had published events; another instance"
                            + " holds the publisher's segments, so this one leaves the reset to an operator: {}",
                    settings.ledger().name(),
                    e.getMessage());
        }
    }

    private boolean hasPublished() {
        Long positions = jdbc.queryForObject(
                "SELECT count(*) FROM token_entry WHERE processor_name = ? AND token IS NOT NULL",
                Long.class,
                LedgerPublisher.PROCESSING_GROUP);
        return positions != null && positions > 0;
    }

    /** How many records the topic ever took (the sum of its end offsets), or empty when Kafka did not answer. */
    Optional<Long> recordsEverWritten(String topic) {
        Map<String, Object> config = new java.util.HashMap<>(kafkaAdmin.getConfigurationProperties());
        // Kafka being down must not hold the service's start up for long: the check is skipped then.
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
        try (Admin admin = Admin.create(config)) {
            TopicDescription description = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(5, TimeUnit.SECONDS)
                    .get(topic);
            Map<TopicPartition, OffsetSpec> latest = description.partitions().stream()
                    .collect(Collectors.toMap(
                            partition -> new TopicPartition(topic, partition.partition()),
                            partition -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResultInfo> offsets =
                    admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
            return Optional.of(offsets.values().stream()
                    .mapToLong(ListOffsetsResultInfo::offset)
                    .sum());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.of(0L);
            }
            log.warn(
                    "Could not check the topic {} at start: {}",
                    topic,
                    e.getCause().toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (java.util.concurrent.TimeoutException e) {
            log.warn("Kafka did not answer at start; the topic {} was not checked", topic);
            return Optional.empty();
        }
    }
}
