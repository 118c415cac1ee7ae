package org.parley.history.service.streaming;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code parley.streams.*}: the ledger topic and how the publisher sends to it. Connection and security are
 * Spring Kafka's own {@code spring.kafka.*} properties.
 *
 * @param ledger         the topic every ledger event goes to
 * @param narratives     the topic every narrative change goes to
 * @param narrativesPoll how often the narrative publisher looks for new changes
 * @param source         the CloudEvents {@code source} of every event this instance publishes
 * @param schemaBase     where the published schemas are; {@code dataschema} is this followed by the type and version
 * @param sendTimeout    how long one send may take before the publisher counts Kafka as unreachable (keep it above
 *                       the producer's {@code delivery.timeout.ms})
 * @param attempts       how often a record that Kafka refuses as such (too large, not serializable) is tried before
 *                       it is parked for an operator
 * @param refillLostTopic republish the whole ledger when the ledger topic is empty but the publisher's position is
 *                       not (a fresh broker)
 */
@ConfigurationProperties("parley.streams")
public record StreamSettings(
        Topic ledger,
        Topic narratives,
        Duration narrativesPoll,
        URI source,
        String schemaBase,
        Duration sendTimeout,
        int attempts,
        boolean refillLostTopic) {

    /** A topic's name and the settings it is created with. */
    public record Topic(
            String name, int partitions, short replicationFactor, long retentionMs, int minInsyncReplicas) {}
}
