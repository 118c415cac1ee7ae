package org.parley.history.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/** The service's event tables, as its Flyway migration creates them and its Axon configuration names them. */
final class LedgerTables {

    /** V1__event_store.sql of the service, copied onto the classpath by this module's build. */
    static final String V1_DDL = "/bench/jdbc/V1__event_store.sql";

    private LedgerTables() {}

    /** The same names as AxonLedgerConfiguration.eventSchema() in the service. */
    static EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /**
     * Rows in domain_event_entry. The JPA tables carry the same name: Hibernate's camel-case-to-underscores naming
     * turns DomainEventEntry and its fields into domain_event_entry, global_index, time_stamp and so on.
     */
    static long countEvents(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT count(*) FROM domain_event_entry")) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new JdbcException("cannot count events", e);
        }
    }
}
