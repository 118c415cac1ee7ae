package org.parley.history.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.messaging.Message;
import org.axonframework.serialization.Serializer;
import org.hibernate.cfg.AvailableSettings;

/**
 * Axon's JPA storage engine on Hibernate, built the way Axon's Spring Boot auto-configuration would build it if the
 * service used JPA. Hibernate creates the tables from Axon's entities on every open (the schema is empty then).
 */
final class AxonJpaTarget implements AppendTarget {

    /** How Axon's entities are mapped onto PostgreSQL. */
    enum Mapping {
        /** PostgreSQLDialect as it is: {@code @Lob byte[]} maps to oid (a large object per value), sequence +50. */
        HIBERNATE_DEFAULTS(false, false, Map.of()),
        /** Payload and metadata in bytea columns, as in the JDBC tables. */
        BYTEA(true, false, Map.of()),
        /** Bytea, and the global index taken one sequence value at a time instead of 50 at once. */
        BYTEA_SEQUENCE_1(true, true, Map.of()),
        /** Bytea, and Hibernate sends the inserts of one flush as a JDBC batch (off unless configured). */
        BYTEA_JDBC_BATCHING(true, false, Map.of(AvailableSettings.STATEMENT_BATCH_SIZE, "100")),
        /** Bytea, sequence step 1 and JDBC batching together. */
        BYTEA_SEQUENCE_1_JDBC_BATCHING(true, true, Map.of(AvailableSettings.STATEMENT_BATCH_SIZE, "100"));

        final boolean bytea;
        final boolean sequenceStepOne;
        final Map<String, String> extraProperties;

        Mapping(boolean bytea, boolean sequenceStepOne, Map<String, String> extraProperties) {
            this.bytea = bytea;
            this.sequenceStepOne = sequenceStepOne;
            this.extraProperties = extraProperties;
        }
    }

    private final HikariDataSource pool;
    private final EntityManagerFactory entityManagerFactory;
    private final ResourceLocalJpaTransactions transactions;
    private final JpaEventStorageEngine engine;

    private AxonJpaTarget(HikariDataSource pool, EntityManagerFactory entityManagerFactory, Serializer serializer) {
        this.pool = pool;
        this.entityManagerFactory = entityManagerFactory;
        this.transactions = new ResourceLocalJpaTransactions(entityManagerFactory);
        try {
            this.engine = JpaEventStorageEngine.builder()
                    .snapshotSerializer(serializer)
                    .eventSerializer(serializer)
                    .dataSource(pool)
                    .entityManagerProvider(transactions)
                    .transactionManager(transactions)
                    .build();
        } catch (SQLException e) {
            throw new JdbcException("cannot read the database's error codes", e);
        }
    }

    static AxonJpaTarget open(BenchDatabase database, Serializer serializer, Mapping mapping) {
        database.recreateSchema();
        HikariDataSource pool = database.newPool("axon-jpa");
        try {
            AxonJpaTarget target = new AxonJpaTarget(pool, BenchmarkPersistenceUnit.create(pool, mapping), serializer);
            // An orm.xml override that does not take is ignored quietly; a run on the wrong mapping must not count.
            long step = database.sequenceIncrement("domain_event_entry_seq");
            long expected = mapping.sequenceStepOne ? 1 : 50;
            if (step != expected) {
                target.close();
                throw new IllegalStateException("Hibernate created domain_event_entry_seq with step " + step + " for "
                        + mapping + ", expected " + expected);
            }
            return target;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    @Override
    public void appendInTransaction(List<DomainEventMessage<?>> events) {
        transactions.executeInTransaction(() -> engine.appendEvents(events));
    }

    @Override
    public long storedEvents() {
        return LedgerTables.countEvents(pool);
    }

    @Override
    public List<Object> readBack(String aggregateId) {
        return transactions.fetchInTransaction(() -> engine.readEvents(aggregateId)
                .asStream()
                .map(Message::getPayload)
                .map(Object.class::cast)
                .toList());
    }

    @Override
    public void close() {
        entityManagerFactory.close();
        pool.close();
    }
}
