package org.parley.history.service.ledger;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon on PostgreSQL through the JDBC storage engine, with the snake_case tables that Flyway creates
 * (see docs/adr/0001-jdbc-event-storage.md for why JDBC and not JPA).
 */
@Configuration(proxyBeanMethods = false)
class AxonLedgerConfiguration {

    @Bean
    EventSchema eventSchema() {
        return LedgerTables.events();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * Axon names a token's owner after the JVM ({@code pid@host}); two applications in one JVM (tests start a second
     * instance beside the first) would then both believe they hold a segment and project the same events twice. Each
     * instance gets its own owner name.
     */
    @Bean
    TokenStore tokenStore(
            ConnectionProvider connectionProvider,
            @Qualifier("serializer") Serializer serializer,
            TokenSchema tokenSchema,
            @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(tokenSchema)
                .claimTimeout(claimTimeout)
                .nodeId(ManagementFactory.getRuntimeMXBean().getName() + "/"
                        + UUID.randomUUID().toString().substring(0, 8))
                .build();
    }

    @Bean
    SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema(SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .associationValueEntryTable("association_value_entry")
                .revisionColumn("revision")
                .serializedSagaColumn("serialized_saga")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .sagaIdColumn("saga_id")
                .sagaTypeColumn("saga_type")
                .build());
    }

    /**
     * PostgreSQL's driver reports a unique violation as SQLState 23505, which Axon's default JDBC resolver does not
     * recognise; without this a lost race between instances would surface as an error instead of a conflict.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    @Bean(destroyMethod = "close")
    CacheManager aggregateCacheManager() {
        return CacheManagerBuilder.newCacheManagerBuilder().build(true);
    }

    /**
     * Keeps the most recently used aggregates loaded between commands, so that the ten-thousandth account of one
     * event does not replay the other 9,999 first. A copy made stale by another instance is dropped when its append
     * conflicts, and the command is retried on a fresh load. A transaction holds the aggregates it uses for itself
     * until it commits ({@link TransactionBoundCache}), so that no one else sees a copy holding uncommitted events.
     */
    @Bean
    Cache ledgerAggregateCache(
            CacheManager aggregateCacheManager, @Value("${parley.aggregate-cache.entries}") long entries) {
        org.ehcache.Cache<Object, Object> aggregates = aggregateCacheManager.createCache(
                "aggregates",
                CacheConfigurationBuilder.newCacheConfigurationBuilder(
                        Object.class, Object.class, ResourcePoolsBuilder.heap(entries)));
        return new TransactionBoundCache(new EhCache3Adapter((Ehcache<Object, Object>) aggregates));
    }

    /** Every event inherits who recorded it and why from the command that caused it. */
    @Bean
    CorrelationDataProvider ledgerMetadataProvider() {
        return message -> {
            Map<String, Object> metadata = new HashMap<>();
            for (String key :
                    new String[] {LedgerMetadata.RECORDED_BY, LedgerMetadata.CORRELATION_ID, LedgerMetadata.COMMAND_ID
                    }) {
                Object value = message.getMetaData().get(key);
                if (value != null) {
                    metadata.put(key, value);
                }
            }
            metadata.put(LedgerMetadata.CAUSATION_ID, message.getIdentifier());
            return metadata;
        };
    }
}
