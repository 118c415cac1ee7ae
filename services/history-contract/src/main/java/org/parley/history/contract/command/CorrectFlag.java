package org.parley.history.contract.command;

import org.parley.history.contract.value.Citation;

/** Correct an editorial flag of an account of {@code eventId}: a new reason and citation replace the flag's. */
public record CorrectFlag(
        String eventId, String flagId, String correctionId, Citation citation, String reason, Long expectedVersion)
        implements ParleyCommand {

    @Override
    public String targetId() {
        return eventId;
    }
}
