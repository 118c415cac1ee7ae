package org.parley.history.contract.event;

import org.parley.history.contract.value.NarrativeSelection;

/** A narrative's title, description and selection were replaced. */
public record NarrativeRevised(
        String narrativeId, String revisionId, String title, String description, NarrativeSelection selection)
        implements LedgerEvent {

    @Override
    public String aggregateId() {
        return narrativeId;
    }
}
