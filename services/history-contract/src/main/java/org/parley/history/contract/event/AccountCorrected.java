package org.parley.history.contract.event;

import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.Moment;

/**
 * An account was corrected: the present fields of {@code claims} replace the account's from the moment the
 * correction was reported ({@code reported}, or when absent the cited source's publication time).
 */
public record AccountCorrected(
        String eventId,
        String accountId,
        String correctionId,
        Citation citation,
        AccountClaims claims,
        Moment reported,
        String reason)
        implements LedgerEvent {

    @Override
    public String aggregateId() {
        return eventId;
    }
}
