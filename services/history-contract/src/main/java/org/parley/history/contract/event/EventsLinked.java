package org.parley.history.contract.event;

import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.LinkRelation;

/** A source asserted a relation from the event {@code eventId} to the event {@code targetEventId}. */
public record EventsLinked(
        String eventId, String linkId, LinkRelation relation, String targetEventId, Citation citation, String accountId)
        implements LedgerEvent {

    @Override
    public String aggregateId() {
        return eventId;
    }
}
