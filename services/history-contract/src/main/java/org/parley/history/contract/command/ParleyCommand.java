package org.parley.history.contract.command;

/**
 * A request to add facts to the ledger. Every id in a command is chosen by the client, so that sending the same
 * command again is harmless: it is answered as the first time and writes nothing more.
 */
public sealed interface ParleyCommand
        permits RegisterSource,
                ReportDiplomaticEvent,
                RecordAccount,
                CorrectAccount,
                RetractAccount,
                LinkEvents,
                FlagAccount,
                CorrectFlag,
                RetractFlag,
                DefineNarrative,
                ReviseNarrative {

    /** The source, diplomatic event or narrative the command is addressed to. */
    String targetId();

    /**
     * The version of the target the client last saw; when given and no longer current, the command is refused
     * with the current version. Absent means "append to whatever is current".
     */
    default Long expectedVersion() {
        return null;
    }
}
