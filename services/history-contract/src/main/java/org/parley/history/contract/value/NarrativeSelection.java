package org.parley.history.contract.value;

import java.util.List;

/**
 * Which accounts and links a narrative looks through: every account from the listed sources or outlets, plus the
 * accounts and links listed by id.
 */
public record NarrativeSelection(
        List<String> sourceIds, List<String> outlets, List<String> accountIds, List<String> linkIds) {

    public NarrativeSelection {
        sourceIds = Lists.immutable(sourceIds);
        outlets = Lists.immutable(outlets);
        accountIds = Lists.immutable(accountIds);
        linkIds = Lists.immutable(linkIds);
    }

    public boolean selectsNothing() {
        return sourceIds.isEmpty() && outlets.isEmpty() && accountIds.isEmpty() && linkIds.isEmpty();
    }
}
