package org.parley.history.contract.command;

import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.Moment;

/**
 * Correct an account: the fields given in {@code claims} replace the account's; absent fields stay as they were.
 * The account itself is never edited. {@code reported} is when the correction became public; absent means the
 * publication time of the cited source.
 */
public record CorrectAccount(
        String eventId,
        String accountId,
        String correctionId,
        Citation citation,
        AccountClaims claims,
        Moment reported,
        String reason,
        Long expectedVersion)
        implements ParleyCommand {

    @Override
    public String targetId() {
        return eventId;
    }
}
