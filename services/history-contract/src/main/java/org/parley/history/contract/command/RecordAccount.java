package org.parley.history.contract.command;

import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Citation;

/** Record one source's version of one diplomatic event. */
public record RecordAccount(
        String eventId, String accountId, Citation citation, AccountClaims claims, Long expectedVersion)
        implements ParleyCommand {

    @Override
    public String targetId() {
        return eventId;
    }
}
