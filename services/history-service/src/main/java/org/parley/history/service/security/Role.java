package org.parley.history.service.security;

/** What a principal may do. */
public enum Role {
    /** Every write: sources, events, accounts, corrections, retractions, links, narratives, bulk import. */
    EDITOR,
    /** Every read. */
    ANALYST,
    /** Operations: actuator beyond health, and later rebuilds and processor control. */
    OPERATOR;

    String authority() {
        return "ROLE_" + name();
    }
}
