package org.parley.history.contract.command;

import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.LinkRelation;

/**
 * Record a claimed relation from the event {@code eventId} to the event {@code targetEventId}, as a source asserts
 * it; {@code accountId}, when given, names the account of {@code eventId} that asserts it.
 */
public record LinkEvents(
        String eventId,
        String linkId,
        LinkRelation relation,
        String targetEventId,
        Citation citation,
        String accountId,
        Long expectedVersion)
        implements ParleyCommand {

    @Override
    public String targetId() {
        return eventId;
    }
}
