package org.parley.history.service.readmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an operator can do about ledger events the read model parked: see them, and apply them again once a release
 * fixed what made them fail (a handler corrected, or an upcaster that gives an old event a form the read model can
 * hold). Parley never mends the data on its own: the ledger keeps what it was given.
 */
@Service
public class ReadModelParking {

    private static final Logger log = LoggerFactory.getLogger(ReadModelParking.class);

    /** What became of one parked event on a retry. */
    public enum Outcome {
        /** Applied: the read model holds it now, and answers no longer lack it. */
        APPLIED,
        /** It failed again; it stays parked with the new error. */
        FAILED_AGAIN,
        /** Not tried: an earlier event of its aggregate is still parked, and it builds on that one. */
        BLOCKED
    }

    public record RetryResult(String eventId, long globalSequence, Outcome outcome, String error) {}

    private final ParkedReadModelEvents parked;
    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;
    private final ReadModelBatches batches;
    private final ReadModelRebuild readModel;
    private final TransactionTemplate transaction;
    private final JdbcTemplate jdbc;

    ReadModelParking(
            ParkedReadModelEvents parked,
            EventStore eventStore,
            EventProcessingConfiguration processing,
            ReadModelBatches batches,
            ReadModelRebuild readModel,
            TransactionTemplate transaction,
            JdbcTemplate jdbc) {
        this.parked = parked;
        this.eventStore = eventStore;
        this.processing = processing;
        this.batches = batches;
        this.readModel = readModel;
        this.transaction = transaction;
        this.jdbc = jdbc;
    }

    /** Parked events not yet applied, in ledger order; with {@code includeApplied}, those a retry applied too. */
    public List<ParkedReadModelEvent> list(boolean includeApplied) {
        return parked.all(includeApplied);
    }

    /** Where the events the read model lacks stand in the ledger, in ledger order; empty when it lacks none. */
    public List<Long> parkedSequences() {
        return parked.positions();
    }

    /** Applies every parked event again, in ledger order, so that one that rests on another comes after it. */
    public List<RetryResult> retryAll() {
        readModel.requireNoRebuild();
        List<RetryResult> results = new ArrayList<>();
        for (ParkedReadModelEvent event : parked.all(false)) {
            results.add(retry(event));
        }
        return results;
    }

    /** Applies the event parked at this place in the ledger again. */
    public RetryResult retry(long globalSequence) {
        readModel.requireNoRebuild();
        ParkedReadModelEvent event = parked.unapplied(globalSequence)
                .orElseThrow(() -> new ReadNotFound(
                        "globalSequence", "no ledger event at " + globalSequence + " is parked for the read model"));
        return retry(event);
    }

    private RetryResult retry(ParkedReadModelEvent event) {
        Optional<Long> earlier = parked.earlierOfAggregate(event.aggregateId(), event.globalSequence());
        if (earlier.isPresent()) {
            return new RetryResult(
                    event.eventId(),
                    event.globalSequence(),
                    Outcome.BLOCKED,
                    "ledger event " + earlier.get() + " of the same aggregate is parked; it is applied first");
        }
        TrackedEventMessage<?> message = fromLedger(event);
        try {
            Boolean applied = transaction.execute(status -> {
                // The processor stores its position first in every batch: holding its row keeps it from applying
                // events while this one is, and waits for the batch it may be in the middle of.
                jdbc.queryForList(
                        "SELECT segment FROM token_entry WHERE processor_name = ? FOR UPDATE",
                        Integer.class,
                        ReadModelBatches.PROCESSING_GROUP);
                if (parked.lockUnapplied(event.globalSequence()).isEmpty()) {
                    return false;
                }
                apply(message);
                parked.applied(event.eventId());
                return true;
            });
            if (Boolean.TRUE.equals(applied)) {
                log.info(
                        "The read model applied parked ledger event {} at {}", event.eventId(), event.globalSequence());
            }
            return new RetryResult(event.eventId(), event.globalSequence(), Outcome.APPLIED, null);
        } catch (RuntimeException failure) {
            batches.forget();
            if (!ReadModelFailures.isTheEvents(failure)) {
                throw failure;
            }
            String error = ReadModelFailures.describe(failure);
            log.warn("The read model still cannot apply parked ledger event {}: {}", event.eventId(), error, failure);
            parked.failedAgain(event.eventId(), error);
            return new RetryResult(event.eventId(), event.globalSequence(), Outcome.FAILED_AGAIN, error);
        }
    }

    /** The event as the processor would meet it now: read from the ledger through today's upcasters. */
    private TrackedEventMessage<?> fromLedger(ParkedReadModelEvent event) {
        DomainEventMessage<?> stored = eventStore
                .readEvents(event.aggregateId(), event.aggregateVersion())
                .asStream()
                .filter(candidate -> candidate.getIdentifier().equals(event.eventId()))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException("parked event " + event.eventId() + " is not on the ledger"));
        return new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(event.globalSequence()), stored);
    }

    /** Through the read model's own handlers, in a unit of work whose end writes the event as a batch would. */
    private void apply(TrackedEventMessage<?> message) {
        EventHandlerInvoker handlers = processing
                .eventProcessor(ReadModelBatches.PROCESSING_GROUP, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("the read model's processor is not configured"))
                .eventHandlerInvoker();
        UnitOfWork<TrackedEventMessage<?>> unit = DefaultUnitOfWork.startAndGet(message);
        ResultMessage<Object> result = unit.executeWithResult(() -> {
            handlers.handle(message, Segment.ROOT_SEGMENT);
            return null;
        });
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
    }
}
