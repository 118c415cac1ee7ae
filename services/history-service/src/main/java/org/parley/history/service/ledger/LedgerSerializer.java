package org.parley.history.service.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.parley.history.contract.EventTypes;
import org.parley.history.contract.EventTypes.EventType;

/**
 * Axon's Jackson serializer, except that a ledger event is stored under its stable name and revision from
 * {@link EventTypes} instead of its Java class name. Everything else (metadata, and whatever Axon itself hands to
 * the event serializer) keeps Axon's class-name types, so only Parley's own events are renamed.
 *
 * <p>A stored ledger type must arrive here at its current revision: the upcasters bring older ones forward. A
 * revision this code does not know (a newer Parley wrote it, or an upcaster is missing) is an error, never an
 * unknown type: Axon's processors skip unknown types silently, and the read model would quietly miss events. So is
 * a contract class name: rows stored under one are read through {@link LegacyEventTypes}, and resolving them by
 * reflection instead would work only until the records move.
 */
public final class LedgerSerializer extends JacksonSerializer {

    private static final String CONTRACT_PACKAGE = "org.parley.history.contract.";

    public LedgerSerializer(ObjectMapper objectMapper, RevisionResolver revisionResolver) {
        super(JacksonSerializer.builder().objectMapper(objectMapper).revisionResolver(revisionResolver));
    }

    @Override
    public SerializedType typeForClass(Class type) {
        Optional<EventType> ledgerType = ledgerTypeOf(type);
        if (ledgerType.isPresent()) {
            return new SimpleSerializedType(
                    ledgerType.get().name(), ledgerType.get().storedRevision());
        }
        return super.typeForClass(type);
    }

    @Override
    public Class classForType(SerializedType type) {
        Optional<EventType> ledgerType = EventTypes.ledgerNamed(type.getName());
        if (ledgerType.isEmpty()) {
            if (type.getName().startsWith(CONTRACT_PACKAGE)) {
                throw new SerializationException("The ledger holds an event stored under the class name "
                        + type.getName() + " that no upcaster gave a stable name");
            }
            return super.classForType(type);
        }
        if (!Objects.equals(type.getRevision(), ledgerType.get().storedRevision())) {
            throw new SerializationException("The ledger holds " + type.getName() + " revision " + type.getRevision()
                    + ", and this Parley reads revision " + ledgerType.get().storedRevision()
                    + " with upcasters from the revisions before it");
        }
        return ledgerType.get().javaType();
    }

    private static Optional<EventType> ledgerTypeOf(Class<?> type) {
        return EventTypes.ledger().stream()
                .filter(ledgerType -> ledgerType.javaType().equals(type))
                .findFirst();
    }
}
