package org.parley.history.service.ledger;

/** The metadata keys every ledger event carries. */
public final class LedgerMetadata {

    /** The principal that sent the command. */
    public static final String RECORDED_BY = "recordedBy";
    /** Shared by everything one request (or one bulk import) caused. */
    public static final String CORRELATION_ID = "correlationId";
    /** The id of the command message that caused the event. */
    public static final String CAUSATION_ID = "causationId";
    /** The id the client gave its command, or one Parley gave it when the client did not. */
    public static final String COMMAND_ID = "commandId";

    private LedgerMetadata() {}
}
