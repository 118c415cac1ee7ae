package org.parley.history.contract.value;

/** What kind of document or utterance a source is. */
public enum SourceKind {
    ARTICLE,
    INTERVIEW,
    PRESS_BRIEFING,
    OFFICIAL_DOCUMENT,
    SPEECH,
    SOCIAL_POST,
    OTHER
}
