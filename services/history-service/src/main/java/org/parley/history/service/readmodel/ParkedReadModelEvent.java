package org.parley.history.service.readmodel;

import java.time.Instant;

/**
 * A ledger event the read model could not apply, parked for an operator; {@code appliedAt} is set once a retry
 * applied it. The ledger holds the event all along: only the read model's answers lack it.
 */
public record ParkedReadModelEvent(
        String eventId,
        long globalSequence,
        String aggregateId,
        Long aggregateVersion,
        String type,
        Instant recordedAt,
        int attempts,
        String error,
        Instant parkedAt,
        Instant lastAttemptAt,
        Instant appliedAt) {}
