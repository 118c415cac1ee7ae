package org.parley.history.service.ledger;

import java.util.Map;
import java.util.function.Function;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads the rows stored before ledger types had stable names: those carry the contract's class name as it was then
 * and no revision, and their payloads are revision 1 of the stable name. The old names are written out, not taken
 * from the classes, so that they still match after the records move. The rows themselves stay as they were stored
 * (the ledger is append-only; see docs/adr/0008-stable-event-type-names.md).
 */
public final class LegacyEventTypes extends SingleEventUpcaster {

    private static final String LEGACY_PACKAGE = "org.parley.history.contract.event.";

    /** The class name each ledger type was stored under until then, to its stable name. */
    static final Map<String, String> STABLE_NAMES = Map.of(
            LEGACY_PACKAGE + "SourceRegistered", "SourceRegistered",
            LEGACY_PACKAGE + "DiplomaticEventReported", "DiplomaticEventReported",
            LEGACY_PACKAGE + "AccountRecorded", "AccountRecorded",
            LEGACY_PACKAGE + "AccountCorrected", "AccountCorrected",
            LEGACY_PACKAGE + "AccountRetracted", "AccountRetracted",
            LEGACY_PACKAGE + "EventsLinked", "EventsLinked",
            LEGACY_PACKAGE + "NarrativeDefined", "NarrativeDefined",
            LEGACY_PACKAGE + "NarrativeRevised", "NarrativeRevised");

    /** Every legacy row is the first revision of its type: nothing had a revision before. */
    static final String LEGACY_REVISION = "1";

    /** The stable name of a stored type, whether stored before stable names or after. */
    public static String stableName(String storedType) {
        return STABLE_NAMES.getOrDefault(storedType, storedType);
    }

    /** The revision of a stored row; rows from before revisions are revision 1. */
    public static int revision(String storedRevision) {
        return Integer.parseInt(storedRevision == null ? LEGACY_REVISION : storedRevision);
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().getRevision() == null
                && STABLE_NAMES.containsKey(representation.getType().getName());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(
                new SimpleSerializedType(
                        STABLE_NAMES.get(representation.getType().getName()), LEGACY_REVISION),
                representation.getContentType(),
                Function.identity());
    }
}
