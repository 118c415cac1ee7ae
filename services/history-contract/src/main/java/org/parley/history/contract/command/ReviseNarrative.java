package org.parley.history.contract.command;

import org.parley.history.contract.value.NarrativeSelection;

/** Replace a narrative's title, description and selection. */
public record ReviseNarrative(
        String narrativeId,
        String revisionId,
        String title,
        String description,
        NarrativeSelection selection,
        Long expectedVersion)
        implements ParleyCommand {

    @Override
    public String targetId() {
        return narrativeId;
    }
}
