package org.parley.history.service.commands;

/**
 * A command the ledger will not accept, with the field that caused it. Nothing was written.
 */
public final class CommandRefused extends RuntimeException {

    /** Why, in the terms a client acts on. */
    public enum Reason {
        /** The command breaks a domain rule; sending it again will not help. */
        INVALID,
        /** The command cites a source, event, account or link the ledger does not hold. */
        UNKNOWN_REFERENCE,
        /** The command is addressed to something the ledger does not hold. */
        NOT_FOUND,
        /** The client-supplied id is already taken by different content. */
        ID_CONFLICT,
        /** The target has moved on since the version the client expected. */
        VERSION_CONFLICT
    }

    private final Reason reason;
    private final String field;
    private final Long currentVersion;

    private CommandRefused(Reason reason, String field, String detail, Long currentVersion) {
        super(detail, null, false, false);
        this.reason = reason;
        this.field = field;
        this.currentVersion = currentVersion;
    }

    public static CommandRefused invalid(String field, String detail) {
        return new CommandRefused(Reason.INVALID, field, detail, null);
    }

    public static CommandRefused unknownReference(String field, String detail) {
        return new CommandRefused(Reason.UNKNOWN_REFERENCE, field, detail, null);
    }

    public static CommandRefused notFound(String field, String detail) {
        return new CommandRefused(Reason.NOT_FOUND, field, detail, null);
    }

    public static CommandRefused idConflict(String field, String detail) {
        return new CommandRefused(Reason.ID_CONFLICT, field, detail, null);
    }

    public static CommandRefused versionConflict(long expected, long current) {
        return new CommandRefused(
                Reason.VERSION_CONFLICT,
                "expectedVersion",
                "expected version " + expected + " but the current version is " + current,
                current);
    }

    /** Writes from other instances kept winning the race for the same aggregate. */
    public static CommandRefused contended(String field, String targetId, long current) {
        return new CommandRefused(
                Reason.VERSION_CONFLICT,
                field,
                "other writes to '" + targetId + "' kept landing first; the current version is " + current
                        + ", try again",
                current);
    }

    public Reason reason() {
        return reason;
    }

    public String field() {
        return field;
    }

    public Long currentVersion() {
        return currentVersion;
    }
}
