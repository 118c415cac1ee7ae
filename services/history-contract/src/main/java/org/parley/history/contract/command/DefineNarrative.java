package org.parley.history.contract.command;

import org.parley.history.contract.value.NarrativeSelection;

/** Define a named lens over the ledger. The id {@code all-sources} is reserved for the built-in narrative. */
public record DefineNarrative(String narrativeId, String title, String description, NarrativeSelection selection)
        implements ParleyCommand {

    @Override
    public String targetId() {
        return narrativeId;
    }
}
