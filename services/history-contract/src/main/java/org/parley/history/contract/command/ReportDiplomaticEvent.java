package org.parley.history.contract.command;

import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.DiplomaticEventKind;

/** Put a diplomatic event on the ledger under a stable id, citing the source that reports it. */
public record ReportDiplomaticEvent(String eventId, DiplomaticEventKind kind, String title, Citation citation)
        implements ParleyCommand {

    @Override
    public String targetId() {
        return eventId;
    }
}
