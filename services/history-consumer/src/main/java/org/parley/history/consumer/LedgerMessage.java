package org.parley.history.consumer;

import java.time.Instant;
import java.util.Optional;
import org.parley.history.contract.event.LedgerEvent;

/**
 * One record of {@code parley.ledger.v1}: the CloudEvents attributes Parley sets, and the ledger event itself.
 *
 * @param id                the ledger event's stable id: the same on every delivery, so de-duplicate on it
 * @param source            which Parley published it
 * @param type              e.g. {@code org.parley.ledger.AccountRecorded.v1}
 * @param subject           the aggregate (source, diplomatic event or narrative) it belongs to; also the Kafka key
 * @param time              when what it says was reported, where the event carries that; else {@code recordedTime}
 * @param reportedPrecision how precisely {@code time} is known ({@code DAY}, {@code MONTH}, ...), when it is a
 *                          reported time
 * @param recordedTime      when Parley's ledger stored it
 * @param sequence          the ledger's global sequence: increasing along the ledger, with gaps
 * @param dataSchema        the published schema of the body
 * @param correlationId     shared by everything one request caused
 * @param causationId       the command that caused it
 * @param event             the event as the contract's record, or {@code null} when this library does not know the
 *                          type or version (a newer Parley): read {@code data} yourself, or upgrade
 * @param data              the JSON body as received
 */
public record LedgerMessage(
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String reportedPrecision,
        Instant recordedTime,
        long sequence,
        String dataSchema,
        String correlationId,
        String causationId,
        LedgerEvent event,
        byte[] data) {

    /** The event, when this library knows its type and version. */
    public Optional<LedgerEvent> knownEvent() {
        return Optional.ofNullable(event);
    }
}
