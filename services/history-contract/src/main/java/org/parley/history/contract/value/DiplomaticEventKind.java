package org.parley.history.contract.value;

/** What kind of thing a diplomatic event is. */
public enum DiplomaticEventKind {
    TALKS_ROUND,
    DRAFT_AGREEMENT,
    STATEMENT,
    PROPOSAL,
    REJECTION,
    MEDIATION,
    COMMUNIQUE,
    SUMMIT,
    VISIT,
    ULTIMATUM,
    CEASEFIRE,
    OTHER
}
