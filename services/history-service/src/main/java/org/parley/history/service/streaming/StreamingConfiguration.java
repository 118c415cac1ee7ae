package org.parley.history.service.streaming;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.lifecycle.Phase;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The ledger topic, created (or checked) at start, and the publisher's processor. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StreamSettings.class)
class StreamingConfiguration {

    /** Kept for ever by default (retention.ms=-1): a consumer can always start from the beginning of the ledger. */
    @Bean
    NewTopic ledgerTopic(StreamSettings settings) {
        return topic(settings.ledger());
    }

    @Bean
    NewTopic narrativesTopic(StreamSettings settings) {
        return topic(settings.narratives());
    }

    private static NewTopic topic(StreamSettings.Topic ledger) {
        return TopicBuilder.name(ledger.name())
                .partitions(ledger.partitions())
                .replicas(ledger.replicationFactor())
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(ledger.retentionMs()))
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(ledger.minInsyncReplicas()))
                .build();
    }

    /**
     * A failed send must stop the processor where it is (Axon's default handler would log it and move on, losing
     * the event); and before the processors start, a lost topic is noticed and the publisher's position reset.
     */
    @Bean
    ConfigurerModule ledgerPublisherProcessor(LedgerTopicRefill refill) {
        return configurer -> {
            configurer
                    .eventProcessing()
                    .registerListenerInvocationErrorHandler(
                            LedgerPublisher.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
            configurer.onInitialize(configuration -> configuration.onStart(
                    Phase.INBOUND_EVENT_CONNECTORS - 1, () -> refill.refillIfLost(configuration)));
        };
    }
}
