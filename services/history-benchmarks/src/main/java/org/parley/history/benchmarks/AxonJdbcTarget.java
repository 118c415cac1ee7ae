package org.parley.history.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.messaging.Message;
import org.axonframework.serialization.Serializer;

/** Axon's JDBC storage engine, built the way Axon's Spring Boot auto-configuration builds it for the service. */
final class AxonJdbcTarget implements AppendTarget {

    private final HikariDataSource pool;
    private final ThreadBoundJdbcTransactions transactions;
    private final JdbcEventStorageEngine engine;

    private AxonJdbcTarget(HikariDataSource pool, Serializer serializer) {
        this.pool = pool;
        this.transactions = new ThreadBoundJdbcTransactions(pool);
        this.engine = JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(serializer)
                .persistenceExceptionResolver(new JdbcSQLErrorCodesResolver())
                .connectionProvider(transactions)
                .transactionManager(transactions)
                .schema(LedgerTables.eventSchema())
                .build();
    }

    static AxonJdbcTarget open(BenchDatabase database, Serializer serializer) {
        database.recreateSchema();
        HikariDataSource pool = database.newPool("axon-jdbc");
        BenchDatabase.runScript(pool, LedgerTables.V1_DDL);
        return new AxonJdbcTarget(pool, serializer);
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
        pool.close();
    }
}
