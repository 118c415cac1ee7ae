package org.parley.history.service.ledger;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

/**
 * Every upcaster the ledger is read through, in the order they apply: an event is brought from the revision it was
 * stored at to the current one, one step at a time. To change an event's shape, add its next revision in
 * {@code EventTypes}, an upcaster from the previous one here, and golden fixtures of both (docs/EVENTS.md).
 */
public final class LedgerUpcasters {

    private LedgerUpcasters() {}

    /** The upcasters, oldest step first. */
    public static List<EventUpcaster> all() {
        return List.of(new LegacyEventTypes());
    }

    /** The ledger's chain, followed by {@code more} (tests add steps of their own). */
    public static EventUpcasterChain chain(EventUpcaster... more) {
        List<EventUpcaster> upcasters = new ArrayList<>(all());
        upcasters.addAll(List.of(more));
        return new EventUpcasterChain(upcasters);
    }
}
