package org.parley.history.service.streaming;

import java.time.Instant;

/** A ledger event Kafka refused as a record, parked for an operator; {@code publishedAt} is set once a retry worked. */
public record ParkedPublication(
        String eventId,
        long globalSequence,
        String aggregateId,
        long aggregateVersion,
        String type,
        String topic,
        int attempts,
        String error,
        Instant parkedAt,
        Instant publishedAt) {}
