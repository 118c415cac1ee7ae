package org.parley.history.contract.event;

import org.parley.history.contract.value.Citation;

/**
 * An editorial flag was corrected: its reason and citation are these from when the ledger recorded the correction.
 * The flag itself is never edited.
 */
public record FlagCorrected(String eventId, String flagId, String correctionId, Citation citation, String reason)
        implements LedgerEvent {

    @Override
    public String aggregateId() {
        return eventId;
    }
}
