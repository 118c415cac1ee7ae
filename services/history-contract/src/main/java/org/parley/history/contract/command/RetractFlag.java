package org.parley.history.contract.command;

import org.parley.history.contract.value.Citation;

/** Withdraw an editorial flag of an account of {@code eventId}, saying why. */
public record RetractFlag(
        String eventId, String flagId, String retractionId, Citation citation, String reason, Long expectedVersion)
        implements ParleyCommand {

    @Override
    public String targetId() {
        return eventId;
    }
}
