package org.parley.history.service.streaming;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.parley.history.contract.event.LedgerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes every ledger event to the ledger topic, from a tracking processor whose position is stored in the
 * database with the ledger. Each send is awaited before the handler returns, so the position passes an event only
 * once Kafka has it; an error propagates, the processor keeps its position and retries with back-off (Kafka down:
 * nothing lost, nothing reordered). A crash after a send and before the position is saved sends the same records
 * again, with the same {@code ce_id}: delivery is at least once.
 *
 * <p>A record that Kafka refuses as such is tried {@code parley.streams.attempts} times and then parked for an
 * operator; the processor goes on with the others.
 *
 * <p>Replays are allowed on purpose: a processor without a position starts as a replay, and a refill after a lost
 * topic is one.
 */
@Component
@ProcessingGroup(LedgerPublisher.PROCESSING_GROUP)
class LedgerPublisher {

    static final String PROCESSING_GROUP = "ledger-publisher";

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

    @EventHandler
    void publish(LedgerEvent event, EventMessage<?> message) {
        DomainEventMessage<?> domainEvent = (DomainEventMessage<?>) message;
        // Not the tracking token's position: an event that filled a gap (committed after a later one) carries a
        // token whose position is the highest index seen, not its own.
        long globalIndex = globalIndexOf(domainEvent.getIdentifier());
        LedgerRecord record = records.of(domainEvent, globalIndex);
        LedgerSender.RecordRefused refused = null;
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
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
                domainEvent.getSequenceNumber(),
                settings.ledger().name(),
                settings.attempts(),
                String.valueOf(refused.getMessage()));
        parkedCount.increment();
        log.error(
                "Kafka refused ledger event {} ({} #{} of {}) {} times: {}. It is parked; an operator can retry it"
                        + " with POST /api/stream/parked.",
                record.eventId(),
                record.type(),
                record.globalIndex(),
                record.aggregateId(),
                settings.attempts(),
                refused.getMessage());
    }
}
