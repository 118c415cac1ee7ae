package org.parley.history.contract.event;

import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.DiplomaticEventKind;

/** A diplomatic event was put on the ledger, citing the source that reports it. */
public record DiplomaticEventReported(String eventId, DiplomaticEventKind kind, String title, Citation citation)
        implements LedgerEvent {

    @Override
    public String aggregateId() {
        return eventId;
    }
}
