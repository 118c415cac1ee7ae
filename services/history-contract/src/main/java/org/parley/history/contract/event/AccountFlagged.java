package org.parley.history.contract.event;

import org.parley.history.contract.value.Citation;

/**
 * An editor flagged an account for an anomaly no rule can see, saying why ({@code reason}, including the outside
 * knowledge it rests on) and where ({@code citation}). The account itself is untouched. A flag is Parley's own
 * statement, not a source's: it counts from when the ledger recorded it.
 */
public record AccountFlagged(String eventId, String accountId, String flagId, Citation citation, String reason)
        implements LedgerEvent {

    @Override
    public String aggregateId() {
        return eventId;
    }
}
