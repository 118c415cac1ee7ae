package org.parley.history.contract.value;

/** A claimed relation from one diplomatic event to another. */
public enum LinkRelation {
    CAUSED,
    LED_TO_BREAKDOWN_OF,
    RESPONDED_TO,
    PRECEDED,
    PART_OF,
    SUPERSEDED
}
