package org.parley.history.contract.value;

/** Where a source's publication time comes from. */
public enum PublicationBasis {
    /** The source shows it. */
    STATED,
    /** An editor dated the source from its content; the publication's note says how. */
    INFERRED,
    /** Nobody knows; the source counts as reported from the moment Parley recorded it. */
    UNKNOWN
}
