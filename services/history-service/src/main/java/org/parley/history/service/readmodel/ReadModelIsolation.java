package org.parley.history.service.readmodel;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps one ledger event the read model cannot apply from stopping the read model. A batch is written at its end, so
 * a failure often cannot be traced to its event; when a batch fails, its events become suspects, the batch is rolled
 * back and retried as Axon always does, and on the retry each suspect is applied alone, under a savepoint of the
 * batch's transaction, its writes sent at once. One that fails is rolled back to before it and parked in that same
 * transaction, with the events after it going on; its position, the parking and the others' writes commit together,
 * so no event is skipped and none applied twice. A failure that is not the event's own (see
 * {@link ReadModelFailures}) is not parked: the batch fails and is retried later. The later events of an aggregate
 * with a parked event are parked behind it.
 */
class ReadModelIsolation {

    private static final Logger log = LoggerFactory.getLogger(ReadModelIsolation.class);

    /** What isolating an event needs from the projection, its transaction and the parked table. */
    interface Steps {
        /** Begins the batch, in the version it writes, before any savepoint of its transaction. */
        default void begin() {}

        /** Sends what the batch has so far, as if it ended before the next event. */
        void settle();

        /** Forgets what the batch holds since it last settled: the event that made it was rolled back. */
        void discard();

        /** Runs an event's work so that a failure undoes exactly that work, and rethrows the failure. */
        Object alone(Callable<Object> work) throws Exception;

        /** Parks the event in the batch's transaction and tells where it stands in the ledger. */
        long park(EventMessage<?> event, String error);

        /** The aggregates with an event parked and not applied since, each with its first such event's place. */
        Map<String, Long> parkedAggregates();
    }

    private static final String BLOCKED = ReadModelIsolation.class.getName() + ".blocked";

    private final Steps steps;
    private final Set<String> suspects = ConcurrentHashMap.newKeySet();

    ReadModelIsolation(Steps steps) {
        this.steps = steps;
    }

    static ReadModelIsolation of(
            ReadModelBatches batches, ParkedReadModelEvents parked, PlatformTransactionManager transactions) {
        TransactionTemplate savepoint = new TransactionTemplate(transactions);
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        return new ReadModelIsolation(new Steps() {
            @Override
            public void begin() {
                batches.begin();
            }

            @Override
            public void settle() {
                batches.settle();
            }

            @Override
            public void discard() {
                batches.discard();
            }

            @Override
            public Object alone(Callable<Object> work) throws Exception {
                try {
                    return savepoint.execute(status -> {
                        try {
                            return work.call();
                        } catch (RuntimeException e) {
                            throw e;
                        } catch (Exception e) {
                            throw new Checked(e);
                        }
                    });
                } catch (Checked e) {
                    throw (Exception) e.getCause();
                }
            }

            @Override
            public long park(EventMessage<?> event, String error) {
                return parked.park(event, error);
            }

            @Override
            public Map<String, Long> parkedAggregates() {
                return parked.aggregates();
            }
        });
    }

    /**
     * Its part in the read model's processor alone. Not a bean of Axon's types itself: Axon's Spring Boot
     * configuration would give every processor such beans, and the ledger publisher would then park what Kafka did
     * not take instead of retrying it.
     */
    MessageHandlerInterceptor<EventMessage<?>> interceptor() {
        return this::handle;
    }

    ErrorHandler errorHandler() {
        return this::handleError;
    }

    Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        steps.begin();
        boolean suspect = suspects.remove(event.getIdentifier());
        // Read once a batch: a retry holds the processor's position while it applies, so none changes it meanwhile.
        Map<String, Long> blocked =
                unitOfWork.root().getOrComputeResource(BLOCKED, key -> new HashMap<>(steps.parkedAggregates()));
        String aggregate = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        if (aggregate != null && blocked.containsKey(aggregate)) {
            // A later event of an aggregate builds on its earlier ones (accounts and links on their event): applied
            // without them it would leave the read model holding what rests on nothing, in a rebuild as live.
            steps.park(
                    event,
                    "rests on ledger event " + blocked.get(aggregate) + " of the same aggregate, which is parked;"
                            + " it is applied after that one");
            return null;
        }
        if (!suspect) {
            return chain.proceed();
        }
        // The events before this one are kept whatever becomes of it.
        steps.settle();
        try {
            return steps.alone(() -> {
                Object result = chain.proceed();
                steps.settle();
                return result;
            });
        } catch (Exception failure) {
            steps.discard();
            if (!ReadModelFailures.isTheEvents(failure)) {
                throw failure;
            }
            String error = ReadModelFailures.describe(failure);
            log.warn(
                    "The read model cannot apply ledger event {} ({}), parked for an operator: {}",
                    event.getIdentifier(),
                    event.getPayloadType().getSimpleName(),
                    error,
                    failure);
            long position = steps.park(event, error);
            if (aggregate != null) {
                blocked.putIfAbsent(aggregate, position);
            }
            return null;
        }
    }

    /** A batch failed and was rolled back: its events are applied one by one when Axon retries it. */
    void handleError(ErrorContext context) throws Exception {
        context.failedEvents().forEach(event -> suspects.add(event.getIdentifier()));
        steps.discard();
        log.warn(
                "The read model could not apply a batch of {} ledger events; it applies them again one by one, parking"
                        + " any it cannot apply",
                context.failedEvents().size());
        PropagatingErrorHandler.instance().handleError(context);
    }

    /** A rebuild starts from nothing: nothing is suspect yet. */
    void forgetSuspects() {
        suspects.clear();
    }

    private static final class Checked extends RuntimeException {
        Checked(Exception cause) {
            super(cause);
        }
    }
}
