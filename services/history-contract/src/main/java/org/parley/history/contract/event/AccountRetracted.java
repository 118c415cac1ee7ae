package org.parley.history.contract.event;

import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.Moment;

/**
 * An account was retracted, from the moment the retraction was reported ({@code reported}, or when absent the
 * cited source's publication time).
 */
public record AccountRetracted(
        String eventId, String accountId, String retractionId, Citation citation, Moment reported, String reason)
        implements LedgerEvent {

    @Override
    public String aggregateId() {
        return eventId;
    }
}
