package org.parley.history.contract.event;

import org.parley.history.contract.value.NarrativeSelection;

/** A narrative was defined. */
public record NarrativeDefined(String narrativeId, String title, String description, NarrativeSelection selection)
        implements LedgerEvent {

    @Override
    public String aggregateId() {
        return narrativeId;
    }
}
