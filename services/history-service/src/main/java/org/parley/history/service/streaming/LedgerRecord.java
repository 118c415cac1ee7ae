package org.parley.history.service.streaming;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.parley.history.contract.event.AccountCorrected;
import org.parley.history.contract.event.AccountRetracted;
import org.parley.history.contract.event.LedgerEvent;
import org.parley.history.contract.event.SourceRegistered;
import org.parley.history.contract.value.Moment;

/**
 * One ledger event as a Kafka record: a CloudEvent in binary mode ({@code ce_*} headers, the contract's JSON as the
 * body), keyed by its aggregate id. Everything in it comes from the ledger, so publishing the same event twice gives
 * the same record.
 *
 * @param eventId       Axon's event identifier: the stable id consumers de-duplicate on
 * @param aggregateId   the source, diplomatic event or narrative; the Kafka key
 * @param type          the event's stable name, e.g. {@code AccountRecorded} (docs/EVENTS.md)
 * @param version       the payload's revision: a new shape of an event is a new revision, with an upcaster
 * @param globalIndex   the ledger's global sequence
 * @param recordedAt    when the ledger stored it
 * @param reported      when what it says became public, where the event itself says so
 * @param correlationId shared by everything one request caused
 * @param causationId   the command message that caused it
 * @param body          the payload exactly as the ledger serializes it
 */
record LedgerRecord(
        String eventId,
        String aggregateId,
        String type,
        int version,
        long globalIndex,
        Instant recordedAt,
        Optional<Moment> reported,
        String correlationId,
        String causationId,
        byte[] body) {

    static final String SPEC_VERSION = "1.0";
    static final String TYPE_PREFIX = "org.parley.ledger.";

    /** The reported time an event carries itself: a source's publication, a correction's or retraction's report. */
    static Optional<Moment> reportedTimeOf(LedgerEvent event) {
        Moment moment = null;
        if (event instanceof SourceRegistered source) {
            moment = source.publication().time();
        } else if (event instanceof AccountCorrected correction) {
            moment = correction.reported();
        } else if (event instanceof AccountRetracted retraction) {
            moment = retraction.reported();
        }
        return Optional.ofNullable(moment).filter(Moment::hasTime);
    }

    String ceType() {
        return TYPE_PREFIX + type + ".v" + version;
    }

    ProducerRecord<String, byte[]> toProducerRecord(String topic, StreamSettings settings) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, "ce_specversion", SPEC_VERSION);
        header(headers, "ce_id", eventId);
        header(headers, "ce_source", settings.source().toString());
        header(headers, "ce_type", ceType());
        header(headers, "ce_subject", aggregateId);
        header(
                headers,
                "ce_time",
                reported.map(Moment::start).orElse(recordedAt).toString());
        reported.ifPresent(moment ->
                header(headers, "ce_reportedprecision", moment.precision().name()));
        header(headers, "ce_recordedtime", recordedAt.toString());
        header(headers, "ce_sequence", Long.toString(globalIndex));
        header(headers, "ce_partitionkey", aggregateId);
        header(headers, "ce_dataschema", settings.schemaBase() + type + ".v" + version);
        header(headers, "content-type", "application/json");
        header(headers, "ce_correlationid", correlationId);
        header(headers, "ce_causationid", causationId);
        // The record's timestamp is the ledger's recorded time, so that "from a timestamp" means "recorded from then
        // on", the same after a re-send or a refill as on the first publication.
        return new ProducerRecord<>(topic, null, recordedAt.toEpochMilli(), aggregateId, body, headers);
    }

    static void header(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
