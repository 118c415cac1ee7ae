package org.parley.history.contract.value;

import java.util.List;

/**
 * What one account claims about a diplomatic event. Every field may be absent (the source is silent on it), and
 * two accounts of the same event may disagree on any of them.
 *
 * @param occurred     when it happened, per this account
 * @param place        where
 * @param participants who took part
 * @param proposed     what was proposed
 * @param agreed       what was agreed
 * @param refused      what was refused
 * @param outcome      how it ended
 * @param summary      the account's gist, in the editor's own words
 */
public record AccountClaims(
        OccurredTime occurred,
        String place,
        List<String> participants,
        String proposed,
        String agreed,
        String refused,
        String outcome,
        String summary) {

    public AccountClaims {
        participants = Lists.immutable(participants);
    }
}
