package org.parley.history.contract.change;

/** What changed in a narrative. */
public enum NarrativeChangeKind {
    /** The narrative now tells an event it did not tell before. */
    EVENT_APPEARED,
    /** No account the narrative selects tells the event any more (its accounts were retracted). */
    EVENT_DISAPPEARED,
    /** A field no account of the narrative spoke to now has a value. */
    FIELD_SET,
    /** A field's value (or values) changed. */
    FIELD_CHANGED,
    /** A field that had one value now has several: the narrative's accounts disagree on it. */
    FIELD_DISPUTED,
    /** No account of the narrative speaks to the field any more. */
    FIELD_DROPPED,
    LINK_ADDED,
    LINK_DROPPED,
    ACCOUNT_CORRECTED,
    ACCOUNT_RETRACTED,
    /**
     * An account the narrative tells gained an anomaly: another account now dates the event after this account's
     * source was published, or an editor flagged it. {@code accountId} names it; before and after are its anomalies.
     */
    ANOMALY_FLAGGED,
    /** An account the narrative tells lost an anomaly (the evidence or the flag was retracted or corrected). */
    ANOMALY_CLEARED,
    /** A narrative was defined. */
    NARRATIVE_DEFINED,
    /** The narrative's title, description or selection were revised: it may now tell a different story. */
    NARRATIVE_REVISED
}
