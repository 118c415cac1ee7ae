package org.parley.history.service.streaming;

import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.parley.history.contract.event.LedgerEvent;
import org.parley.history.service.ledger.LedgerMetadata;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Makes the record of a ledger event, with its body serialized exactly as the ledger stores it and its type the
 * stable name and revision the ledger stores it under (events read from older rows arrive upcast to the current
 * revision).
 */
@Component
class LedgerRecords {

    private final Serializer serializer;

    LedgerRecords(@Qualifier("eventSerializer") Serializer serializer) {
        this.serializer = serializer;
    }

    LedgerRecord of(DomainEventMessage<?> message, long globalIndex) {
        Object payload = message.getPayload();
        SerializedType serializedType = serializer.typeForClass(message.getPayloadType());
        MetaData metadata = message.getMetaData();
        return new LedgerRecord(
                message.getIdentifier(),
                message.getAggregateIdentifier(),
                serializedType.getName(),
                Integer.parseInt(serializedType.getRevision()),
                globalIndex,
                message.getTimestamp(),
                payload instanceof LedgerEvent event ? LedgerRecord.reportedTimeOf(event) : Optional.empty(),
                text(metadata.get(LedgerMetadata.CORRELATION_ID)),
                text(metadata.get(LedgerMetadata.CAUSATION_ID)),
                serializer.serialize(payload, byte[].class).getData());
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
