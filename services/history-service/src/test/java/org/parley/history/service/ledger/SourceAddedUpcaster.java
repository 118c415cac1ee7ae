package org.parley.history.service.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * A step of the kind an evolving event needs, for the tests only: a made-up revision 0 called {@code SourceAdded},
 * whose {@code name} is today's {@code title}, read as {@code SourceRegistered} revision 1. It shows that a type can
 * be renamed and its fields restructured without touching a stored row.
 */
final class SourceAddedUpcaster extends SingleEventUpcaster {

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return "SourceAdded".equals(representation.getType().getName())
                && "0".equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(
                new SimpleSerializedType("SourceRegistered", "1"), JsonNode.class, payload -> {
                    ObjectNode source = (ObjectNode) payload;
                    source.set("title", source.remove("name"));
                    return source;
                });
    }
}
