package org.parley.history.service.commands;

/** A fact an aggregate holds, with the aggregate version at which it was recorded (to answer retries alike). */
public record Recorded<T>(T fact, long version) {

    /**
     * The answer to a command that would record {@code attempted} under an id that already holds this fact: the
     * original receipt when the two are the same (a retry), a refusal naming {@code field} when they differ.
     *
     * @param existing how the refusal describes what is there, e.g. "source 's1' is already registered"
     */
    public WriteReceipt replayOrRefuse(T attempted, String targetId, String entityId, String field, String existing) {
        if (fact.equals(attempted)) {
            return WriteReceipt.replayed(targetId, entityId, version);
        }
        throw CommandRefused.idConflict(field, existing + " with different content");
    }
}
