package org.parley.history.contract.command;

import org.parley.history.contract.value.Citation;

/**
 * Flag an account for an anomaly no rule can see: {@code reason} says what is odd and which outside knowledge it
 * rests on, {@code citation} where in the ledger's sources it shows. The account stays as its source tells it.
 */
public record FlagAccount(
        String eventId, String accountId, String flagId, Citation citation, String reason, Long expectedVersion)
        implements ParleyCommand {

    @Override
    public String targetId() {
        return eventId;
    }
}
