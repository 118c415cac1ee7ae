package org.parley.history.benchmarks;

import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;

/** An event store under measurement, opened on an empty schema. */
interface AppendTarget extends AutoCloseable {

    /** Stores the events in one transaction, committed before this returns. */
    void appendInTransaction(List<DomainEventMessage<?>> events);

    /** How many events the store holds, for checking a run after it is timed. */
    long storedEvents();

    /** Reads one aggregate's events back with their payloads, to show that what was stored can be used. */
    List<Object> readBack(String aggregateId);

    @Override
    void close();
}
