package org.parley.history.service.streaming;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.parley.history.contract.event.LedgerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes every ledger event to the ledger topic, from a tracking processor whose position is stored in the
 * database with the ledger. The sends of a batch are all in flight at once and awaited together before the batch's
 * transaction moves the position, so the position passes an event only once Kafka has it; the idempotent producer
 * keeps each key (aggregate) in order. When a record does not get through, the batch fails, the processor keeps its
 * position and retries with back-off (Kafka down: nothing lost, nothing reordered). A crash after a send and before the position is saved sends the same records
 * again, with the same {@code ce_id}: delivery is at least once.
 *
 * <p>A record that Kafka refuses as such is tried {@code parley.streams.attempts} times and then parked for an
 * operator; the processor goes on with the others. When a later event of the same aggregate was already sent in the
 * batch, trying again would put the refused one after it: it is parked after its first attempt.
 *
 * <p>Replays are allowed on purpose: a processor without a position starts as a replay, and a refill after a lost
 * topic is one.
 */
@Component
@ProcessingGroup(LedgerPublisher.PROCESSING_GROUP)
class LedgerPublisher {

    static final String PROCESSING_GROUP = "ledger-publisher";
    private static final String IN_FLIGHT = LedgerPublisher.class.getName() + ".inFlight";

    private static final Logger log = LoggerFactory.getLogger(LedgerPublisher.class);

    private final JdbcTemplate jdbc;
    private final LedgerRecords records;
    private final LedgerSender sender;
    private final ParkedPublications parked;
    private final StreamSettings settings;
    private final Counter published;
    private final Counter parkedCount;

    LedgerPublisher(
            LedgerRecords records,
            LedgerSender sender,
            ParkedPublications parked,
            StreamSettings settings,
            JdbcTemplate jdbc,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.records = records;
        this.sender = sender;
        this.parked = parked;
        this.settings = settings;
        this.published = Counter.builder("parley.stream.published")
                .description("Ledger events Kafka acknowledged (re-sends after a crash included)")
                .register(meters);
        this.parkedCount = Counter.builder("parley.stream.parked")
                .description("Ledger events Kafka refused as records, parked for an operator")
                .register(meters);
    }

    private long globalIndexOf(String eventId) {
        Long index = jdbc.queryForObject(
                "SELECT global_index FROM domain_event_entry WHERE event_identifier = ?", Long.class, eventId);
        if (index == null) {
            throw new IllegalStateException("ledger event " + eventId + " has no global sequence");
        }
        return index;
    }

    /** A ledger event handed to Kafka in this batch, with what parking it would need. */
    private record Sent(LedgerRecord record, long sequenceNumber) {}

    @EventHandler
    void publish(LedgerEvent event, EventMessage<?> message) {
        DomainEventMessage<?> domainEvent = (DomainEventMessage<?>) message;
        // Not the tracking token's position: an event that filled a gap (committed after a later one) carries a
        // token whose position is the highest index seen, not its own.
        long globalIndex = globalIndexOf(domainEvent.getIdentifier());
        LedgerRecord record = records.of(domainEvent, globalIndex);
        inFlight().send(record, new Sent(record, domainEvent.getSequenceNumber()));
    }

    /**
     * The batch's records in flight, awaited when the batch's unit of work prepares its commit, the one that moves the
     * position: a record Kafka did not take fails the commit, and the batch is sent again from the old position.
     */
    private LedgerSender.InFlight<Sent> inFlight() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(IN_FLIGHT, key -> {
            LedgerSender.InFlight<Sent> inFlight = sender.inFlight();
            batch.onPrepareCommit(unitOfWork -> settle(inFlight));
            return inFlight;
        });
    }

    private void settle(LedgerSender.InFlight<Sent> inFlight) {
        Map<Sent, LedgerSender.RecordRefused> refused = inFlight.await();
        List<Sent> sent = inFlight.sent();
        published.increment(sent.size() - refused.size());
        refused.forEach((refusedRecord, refusal) -> {
            int at = sent.indexOf(refusedRecord);
            boolean overtaken = sent.subList(at + 1, sent.size()).stream().anyMatch(later -> later.record()
                    .aggregateId()
                    .equals(refusedRecord.record().aggregateId()));
            // Sending it again now would put it after a later event of its key: it is parked at once instead.
            retryOrPark(refusedRecord, refusal, !overtaken);
        });
    }

    private void retryOrPark(Sent sent, LedgerSender.RecordRefused refusal, boolean mayRetry) {
        LedgerRecord record = sent.record();
        LedgerSender.RecordRefused refused = refusal;
        int attempts = 1;
        while (mayRetry && attempts < settings.attempts()) {
            attempts++;
            try {
                sender.send(record);
                published.increment();
                return;
            } catch (LedgerSender.RecordRefused e) {
                refused = e;
            }
        }
        parked.park(
                record,
                sent.sequenceNumber(),
                settings.ledger().name(),
                attempts,
                String.valueOf(refused.getMessage()));
        parkedCount.increment();
        log.error(
                "Kafka refused ledger event {} ({} #{} of {}) {} times: {}. It is parked; an operator can retry it"
                        + " with POST /api/stream/parked.",
                record.eventId(),
                record.type(),
                record.globalIndex(),
                record.aggregateId(),
                attempts,
                refused.getMessage());
    }
}
