package org.parley.history.contract.event;

import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Citation;

/** One source's version of one diplomatic event was recorded. */
public record AccountRecorded(String eventId, String accountId, Citation citation, AccountClaims claims)
        implements LedgerEvent {

    @Override
    public String aggregateId() {
        return eventId;
    }
}
