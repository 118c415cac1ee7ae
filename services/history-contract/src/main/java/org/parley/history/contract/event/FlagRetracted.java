package org.parley.history.contract.event;

import org.parley.history.contract.value.Citation;

/** An editorial flag was withdrawn, from when the ledger recorded the retraction, with the reason and a citation. */
public record FlagRetracted(String eventId, String flagId, String retractionId, Citation citation, String reason)
        implements LedgerEvent {

    @Override
    public String aggregateId() {
        return eventId;
    }
}
