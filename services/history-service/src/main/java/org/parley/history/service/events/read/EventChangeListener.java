package org.parley.history.service.events.read;

import java.time.Instant;
import org.parley.history.contract.value.Citation;
import org.parley.history.service.events.read.AccountRows.LinkRow;
import org.parley.history.service.readmodel.ReadModelBatch;

/**
 * Told by the events' projection, while the read model follows the ledger (never during a rebuild), when a batch is
 * about to change an event's accounts and when a link comes or goes: the narratives' change feed listens, so that the
 * events' read side need not know narratives.
 */
public interface EventChangeListener {

    /** A ledger event that changed an account or a link: its sequence, kind, times, citation and account. */
    record Cause(
            long sequence,
            AccountFact.Kind kind,
            Instant recorded,
            Instant reported,
            Citation citation,
            String accountId) {}

    /** Before the change is written: the first time in a batch, the event still stands as before the batch. */
    void accountsChanging(ReadModelBatch batch, String eventId, Cause cause);

    void linkChanged(ReadModelBatch batch, LinkRow link, Cause cause, boolean added);
}
