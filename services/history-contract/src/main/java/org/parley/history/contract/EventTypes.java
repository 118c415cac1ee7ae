package org.parley.history.contract;

import java.util.List;
import java.util.Optional;
import org.parley.history.contract.change.NarrativeChanged;
import org.parley.history.contract.event.AccountCorrected;
import org.parley.history.contract.event.AccountFlagged;
import org.parley.history.contract.event.AccountRecorded;
import org.parley.history.contract.event.AccountRetracted;
import org.parley.history.contract.event.DiplomaticEventReported;
import org.parley.history.contract.event.EventsLinked;
import org.parley.history.contract.event.FlagCorrected;
import org.parley.history.contract.event.FlagRetracted;
import org.parley.history.contract.event.NarrativeDefined;
import org.parley.history.contract.event.NarrativeRevised;
import org.parley.history.contract.event.SourceRegistered;

/**
 * The stable name and current revision of every event Parley publishes. The name is what the ledger stores as an
 * event's type, what {@code /api/ledger} shows and what a stream's {@code ce_type} is made of
 * ({@code org.parley.ledger.<name>.v<revision>}); it never changes once released, whatever the Java record is called
 * or wherever it lives. A new shape of an event is a new revision of the same name; a new concept is a new name.
 * Names are written out here, never derived from the classes, so that moving or renaming a record cannot change
 * them.
 */
public final class EventTypes {

    /**
     * One published event type.
     *
     * @param name     the stable name, e.g. {@code AccountRecorded}
     * @param revision the current revision of its shape, from 1
     * @param javaType the record that carries the current revision
     */
    public record EventType(String name, int revision, Class<?> javaType) {

        /** The revision as the ledger stores it. */
        public String storedRevision() {
            return Integer.toString(revision);
        }
    }

    private static final List<EventType> LEDGER = List.of(
            new EventType("SourceRegistered", 1, SourceRegistered.class),
            new EventType("DiplomaticEventReported", 1, DiplomaticEventReported.class),
            new EventType("AccountRecorded", 1, AccountRecorded.class),
            new EventType("AccountCorrected", 1, AccountCorrected.class),
            new EventType("AccountRetracted", 1, AccountRetracted.class),
            new EventType("EventsLinked", 1, EventsLinked.class),
            new EventType("AccountFlagged", 1, AccountFlagged.class),
            new EventType("FlagCorrected", 1, FlagCorrected.class),
            new EventType("FlagRetracted", 1, FlagRetracted.class),
            new EventType("NarrativeDefined", 1, NarrativeDefined.class),
            new EventType("NarrativeRevised", 1, NarrativeRevised.class));

    /** What changed in a narrative, on {@code parley.narratives.v1}; not a ledger event. */
    public static final EventType NARRATIVE_CHANGED = new EventType("NarrativeChanged", 1, NarrativeChanged.class);

    private EventTypes() {}

    /** Every ledger event type, in the order a ledger usually meets them. */
    public static List<EventType> ledger() {
        return LEDGER;
    }

    /** The ledger event type of this name, if it is one. */
    public static Optional<EventType> ledgerNamed(String name) {
        return LEDGER.stream().filter(type -> type.name().equals(name)).findFirst();
    }

    /** The published type this record carries: a ledger event or {@link NarrativeChanged}. */
    public static Optional<EventType> of(Class<?> javaType) {
        if (NARRATIVE_CHANGED.javaType().equals(javaType)) {
            return Optional.of(NARRATIVE_CHANGED);
        }
        return LEDGER.stream().filter(type -> type.javaType().equals(javaType)).findFirst();
    }
}
