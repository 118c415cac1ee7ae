package org.parley.history.service.events.read;

import java.time.Instant;
import org.parley.history.contract.value.AccountClaims;

/**
 * An account, a correction of it or its retraction, as the read model keeps it.
 *
 * @param sequence   the ledger's global sequence of the event that recorded it
 * @param countsFrom the reported time from which it counts
 * @param recordedAt when the ledger stored it
 */
public record AccountFact(
        long sequence, Kind kind, String factId, AccountClaims claims, Instant countsFrom, Instant recordedAt) {

    public enum Kind {
        RECORDED,
        CORRECTED,
        RETRACTED
    }
}
