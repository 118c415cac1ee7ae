package org.parley.history.service.ledger;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/** Axon's event tables as Flyway creates them (snake_case), for the event store and for anything that reads it. */
public final class LedgerTables {

    private LedgerTables() {}

    public static EventSchema events() {
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
}
