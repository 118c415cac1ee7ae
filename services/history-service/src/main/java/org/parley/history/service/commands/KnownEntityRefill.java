package org.parley.history.service.commands;

import java.util.Iterator;
import java.util.stream.Stream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refills the ledger lookup ({@code known_entity}, {@code known_source_publication}) from the ledger when it is
 * empty while the ledger is not: after an operator emptied it to rebuild it, or after a restore that left it out.
 * Without it every command citing a source or an event already on the ledger would be refused.
 *
 * <p>It runs once all beans exist and before anything starts (the web server, the event processors, the seed
 * loader), so no command is judged against an empty lookup. The lookup's own handlers apply each event, in one
 * transaction: a failed refill leaves the lookup empty, and the next start tries again.
 */
@Component
class KnownEntityRefill implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(KnownEntityRefill.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final EventStorageEngine ledger;
    private final KnownEntityProjection lookup;

    KnownEntityRefill(
            JdbcTemplate jdbc,
            TransactionTemplate transaction,
            EventStorageEngine ledger,
            KnownEntityProjection lookup) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.ledger = ledger;
        this.lookup = lookup;
    }

    @Override
    public void afterSingletonsInstantiated() {
        refillIfEmpty();
    }

    /** Answers how many ledger events were read (0 when the lookup was not empty). */
    long refillIfEmpty() {
        Long read = transaction.execute(status -> {
            if (hasRows("known_entity")) {
                return 0L;
            }
            long started = System.nanoTime();
            AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(lookup);
            long events = 0;
            try (Stream<? extends TrackedEventMessage<?>> stream = ledger.readEvents(null, false)) {
                Iterator<? extends TrackedEventMessage<?>> ledgerEvents = stream.iterator();
                while (ledgerEvents.hasNext()) {
                    TrackedEventMessage<?> event = ledgerEvents.next();
                    if (handlers.canHandle(event)) {
                        handle(handlers, event);
                    }
                    events++;
                }
            }
            if (events > 0) {
                log.warn(
                        "The ledger lookup was empty: refilled from {} ledger events in {} ms",
                        events,
                        (System.nanoTime() - started) / 1_000_000);
            }
            return events;
        });
        return read == null ? 0 : read;
    }

    private static void handle(AnnotationEventHandlerAdapter handlers, TrackedEventMessage<?> event) {
        try {
            handlers.handle(event);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(
                    "the ledger lookup could not apply ledger event " + event.getIdentifier(), e);
        }
    }

    private boolean hasRows(String table) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM " + table + ")", Boolean.class));
    }
}
