package org.parley.history.contract.command;

import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.Moment;

/**
 * Retract an account. {@code reported} is when the retraction became public; absent means the publication time
 * of the cited source.
 */
public record RetractAccount(
        String eventId,
        String accountId,
        String retractionId,
        Citation citation,
        Moment reported,
        String reason,
        Long expectedVersion)
        implements ParleyCommand {

    @Override
    public String targetId() {
        return eventId;
    }
}
