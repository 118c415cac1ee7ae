package org.parley.history.service.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;

/**
 * The isolation on its own: a batch whose writes go to a journal, settled writes kept, a savepoint that cuts the
 * journal back. A write of "poison" is refused when it is sent, as PostgreSQL refuses a NUL.
 */
class ReadModelIsolationTest {

    private final Journal journal = new Journal();
    private final ReadModelIsolation isolation = new ReadModelIsolation(journal);

    @Test
    void a_failed_batch_marks_its_events_and_fails_on_so_that_axon_rolls_it_back_and_retries_it() {
        List<EventMessage<?>> batch = List.of(event("e1", "good"), event("e2", "poison"));
        RuntimeException failure = refused();

        assertThatThrownBy(() -> isolation.handleError(new ErrorContext("read-model", failure, batch)))
                .isSameAs(failure);
        assertThat(journal.discarded).isEqualTo(1);
    }

    @Test
    void on_the_retry_the_failing_event_is_rolled_back_and_parked_and_the_events_around_it_are_applied()
            throws Exception {
        List<EventMessage<?>> batch = List.of(event("e1", "first"), event("e2", "poison"), event("e3", "third"));
        failedOnce(batch);

        process(batch);

        assertThat(journal.sent).containsExactly("first", "third");
        assertThat(journal.parked).containsOnlyKeys(batch.get(1).getIdentifier());
        assertThat(journal.parked.get(batch.get(1).getIdentifier()))
                .isEqualTo("PostgreSQL refused the read model's write (SQLState 22021): invalid byte sequence for"
                        + " encoding \"UTF8\": 0x00");
    }

    @Test
    void events_not_under_suspicion_are_written_together_at_the_end_of_their_batch() throws Exception {
        process(List.of(event("e1", "first"), event("e2", "second")));

        assertThat(journal.settled).isZero();
        assertThat(journal.pending).containsExactly("first", "second");
        assertThat(journal.parked).isEmpty();
    }

    @Test
    void a_failure_that_would_meet_every_event_is_not_parked_but_fails_the_batch() {
        List<EventMessage<?>> batch = List.of(event("e1", "database away"));
        failedOnce(batch);

        assertThatThrownBy(() -> process(batch)).isInstanceOf(CannotGetJdbcConnectionException.class);
        assertThat(journal.parked).isEmpty();
        assertThat(journal.sent).isEmpty();
    }

    @Test
    void the_later_events_of_an_aggregate_with_a_parked_event_are_parked_behind_it_without_being_applied()
            throws Exception {
        List<EventMessage<?>> batch =
                List.of(event("e1", "poison"), event("e1", "account on e1"), event("e2", "account on e2"));
        failedOnce(batch);

        process(batch);

        assertThat(journal.sent).containsExactly("account on e2");
        assertThat(journal.parked.get(batch.get(1).getIdentifier()))
                .isEqualTo("rests on ledger event 100 of the same aggregate, which is parked; it is applied after"
                        + " that one");
    }

    @Test
    void an_event_of_an_aggregate_parked_in_an_earlier_batch_waits_behind_it_too() throws Exception {
        journal.parkedBefore.put("e1", 7L);

        process(List.of(event("e1", "correction on e1"), event("e2", "account on e2")));

        assertThat(journal.pending).containsExactly("account on e2");
        assertThat(journal.parked.values()).singleElement().asString().contains("rests on ledger event 7");
    }

    @Test
    void a_handler_that_breaks_on_an_event_has_it_parked_with_its_reason_but_no_java_names() throws Exception {
        List<EventMessage<?>> batch = List.of(event("e1", "missing source"), event("e2", "broken handler"));
        failedOnce(batch);

        process(batch);

        assertThat(journal.parked.get(batch.get(0).getIdentifier())).contains("lacks a row this event needs");
        assertThat(journal.parked.get(batch.get(1).getIdentifier()))
                .isEqualTo("the read model's handler failed on this event (the log has the details)");
    }

    @Test
    void failures_are_told_apart_by_what_postgresql_says() {
        assertThat(ReadModelFailures.isTheEvents(refused())).isTrue();
        assertThat(ReadModelFailures.isTheEvents(new DataIntegrityViolationException("x", sql("23502", "null"))))
                .isTrue();
        assertThat(ReadModelFailures.isTheEvents(new UncategorizedSQLException("x", "x", sql("25006", "read-only"))))
                .isFalse();
        assertThat(ReadModelFailures.isTheEvents(new UncategorizedSQLException("x", "x", sql("53100", "disk full"))))
                .isFalse();
        assertThat(ReadModelFailures.isTheEvents(new UncategorizedSQLException("x", "x", sql("42P01", "no table"))))
                .isFalse();
        assertThat(ReadModelFailures.isTheEvents(new CannotGetJdbcConnectionException("away")))
                .isFalse();
        assertThat(ReadModelFailures.isTheEvents(new NullPointerException())).isTrue();
    }

    @Test
    void the_error_kept_names_neither_the_statement_nor_its_values_nor_control_characters() {
        BatchUpdateException batch = new BatchUpdateException(
                "Batch entry 0 INSERT INTO read_event (title) VALUES ('secret title') was aborted: ERROR: invalid byte"
                        + " sequence for encoding \"UTF8\": 0x00  Call getNextException to see other errors in the"
                        + " batch.",
                "22021",
                0,
                new int[0],
                null);

        assertThat(ReadModelFailures.describe(new UncategorizedSQLException("batch", "INSERT ...", batch)))
                .isEqualTo("PostgreSQL refused the read model's write (SQLState 22021): invalid byte sequence for"
                        + " encoding \"UTF8\": 0x00");
        assertThat(ReadModelFailures.describe(new IllegalStateException("title \u0000 refused")))
                .isEqualTo("the read model's handler failed on this event: title ? refused");
    }

    // --- helpers

    private void failedOnce(List<EventMessage<?>> batch) {
        assertThatThrownBy(() -> isolation.handleError(new ErrorContext("read-model", refused(), batch)));
        journal.discarded = 0;
    }

    /** Runs a batch through the isolation as Axon's processor does: one unit of work, each event in turn. */
    private void process(List<EventMessage<?>> batch) throws Exception {
        BatchingUnitOfWork<EventMessage<?>> unit = new BatchingUnitOfWork<>(batch);
        try {
            unit.executeWithResult(() -> isolation.handle(unit, () -> {
                        journal.apply(unit.getMessage());
                        return null;
                    }))
                    .optionalExceptionResult()
                    .ifPresent(failure -> {
                        throw failure instanceof RuntimeException runtime
                                ? runtime
                                : new IllegalStateException(failure);
                    });
        } finally {
            if (unit.isActive()) {
                unit.rollback();
            }
        }
    }

    private static EventMessage<?> event(String aggregate, String write) {
        return new GenericDomainEventMessage<>("DiplomaticEvent", aggregate, 0, write);
    }

    private static RuntimeException refused() {
        return new UncategorizedSQLException(
                "flush",
                "INSERT INTO read_event ...",
                sql("22021", "invalid byte sequence for encoding \"UTF8\": 0x00"));
    }

    private static SQLException sql(String state, String message) {
        return new SQLException("ERROR: " + message, state);
    }

    /** The read model as a journal: pending writes, sent ones, and a savepoint that cuts the sent ones back. */
    private static final class Journal implements ReadModelIsolation.Steps {
        final List<String> pending = new ArrayList<>();
        final List<String> sent = new ArrayList<>();
        final Map<String, String> parked = new HashMap<>();
        final Map<String, Long> parkedBefore = new HashMap<>();
        int settled;
        int discarded;

        void apply(EventMessage<?> event) {
            String write = (String) event.getPayload();
            if (write.equals("missing source")) {
                throw new EmptyResultDataAccessException(1);
            }
            if (write.equals("broken handler")) {
                throw new NullPointerException(
                        "Cannot invoke \"org.parley.history.service.readmodel.ReadModelRows$EventRow.title()\"");
            }
            pending.add(write);
        }

        @Override
        public void settle() {
            settled++;
            for (String write : pending) {
                if (write.equals("poison")) {
                    throw refused();
                }
                if (write.equals("database away")) {
                    throw new CannotGetJdbcConnectionException("the database is away");
                }
            }
            sent.addAll(pending);
            pending.clear();
        }

        @Override
        public void discard() {
            discarded++;
            pending.clear();
        }

        @Override
        public Object alone(Callable<Object> work) throws Exception {
            int savepoint = sent.size();
            try {
                return work.call();
            } catch (Exception e) {
                sent.subList(savepoint, sent.size()).clear();
                throw e;
            }
        }

        @Override
        public long park(EventMessage<?> event, String error) {
            parked.put(event.getIdentifier(), error);
            return 100;
        }

        @Override
        public Map<String, Long> parkedAggregates() {
            return parkedBefore;
        }
    }
}
