package org.parley.history.service.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Ledger events are stored under their stable names and read through the ledger's upcasters. Only the event
 * serializer is Parley's own: tokens, sagas and snapshots stay with Axon's general serializer, as before.
 */
@Configuration(proxyBeanMethods = false)
class LedgerTypesConfiguration {

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(ObjectMapper objectMapper, RevisionResolver revisionResolver) {
        return new LedgerSerializer(objectMapper, revisionResolver);
    }

    /** Axon puts every upcaster bean into the event store's chain; this one is the ledger's, in order. */
    @Bean
    EventUpcasterChain ledgerUpcasters() {
        return LedgerUpcasters.chain();
    }
}
