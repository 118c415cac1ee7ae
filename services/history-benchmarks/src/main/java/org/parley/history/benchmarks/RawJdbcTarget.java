package org.parley.history.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * The baseline: the rows the JDBC engine writes, written by one hand-coded INSERT. Payload and metadata go through
 * the same Axon serializer, so what is left between this and the engines is the engines themselves.
 */
final class RawJdbcTarget implements AppendTarget {

    private static final String INSERT = "INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, "
            + "type, event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final HikariDataSource pool;
    private final ThreadBoundJdbcTransactions transactions;
    private final Serializer serializer;

    private RawJdbcTarget(HikariDataSource pool, Serializer serializer) {
        this.pool = pool;
        this.transactions = new ThreadBoundJdbcTransactions(pool);
        this.serializer = serializer;
    }

    static RawJdbcTarget open(BenchDatabase database, Serializer serializer) {
        database.recreateSchema();
        HikariDataSource pool = database.newPool("raw-jdbc");
        BenchDatabase.runScript(pool, LedgerTables.V1_DDL);
        return new RawJdbcTarget(pool, serializer);
    }

    @Override
    public void appendInTransaction(List<DomainEventMessage<?>> events) {
        transactions.executeInTransaction(() -> {
            try (PreparedStatement insert = transactions.getConnection().prepareStatement(INSERT)) {
                for (DomainEventMessage<?> event : events) {
                    bind(insert, event);
                    if (events.size() == 1) {
                        insert.executeUpdate();
                    } else {
                        insert.addBatch();
                    }
                }
                if (events.size() > 1) {
                    insert.executeBatch();
                }
            } catch (SQLException e) {
                throw new JdbcException("insert failed", e);
            }
        });
    }

    private void bind(PreparedStatement insert, DomainEventMessage<?> event) throws SQLException {
        SerializedObject<byte[]> payload = serializer.serialize(event.getPayload(), byte[].class);
        SerializedObject<byte[]> metaData = serializer.serialize(event.getMetaData(), byte[].class);
        insert.setString(1, event.getAggregateIdentifier());
        insert.setLong(2, event.getSequenceNumber());
        insert.setString(3, event.getType());
        insert.setString(4, event.getIdentifier());
        insert.setBytes(5, metaData.getData());
        insert.setBytes(6, payload.getData());
        insert.setString(7, payload.getType().getRevision());
        insert.setString(8, payload.getType().getName());
        insert.setString(9, DateTimeUtils.formatInstant(event.getTimestamp()));
    }

    @Override
    public long storedEvents() {
        return LedgerTables.countEvents(pool);
    }

    @Override
    public List<Object> readBack(String aggregateId) {
        return transactions.fetchInTransaction(() -> {
            List<Object> payloads = new ArrayList<>();
            Connection connection = transactions.getConnection();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT payload, payload_type, "
                            + "payload_revision FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number")) {
                select.setString(1, aggregateId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        payloads.add(serializer.deserialize(new SimpleSerializedObject<>(
                                rows.getBytes(1), byte[].class, rows.getString(2), rows.getString(3))));
                    }
                }
            } catch (SQLException e) {
                throw new JdbcException("read back failed", e);
            }
            return payloads;
        });
    }

    @Override
    public void close() {
        pool.close();
    }
}
