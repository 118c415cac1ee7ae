package org.parley.history.service.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

class DatabaseOutageTest {

    @Test
    void no_connection_from_the_pool_is_the_database_unreachable_however_deeply_wrapped() {
        var timeout =
                new SQLTransientConnectionException("Connection is not available, request timed out after 1500ms");
        var wrapped = new EventStoreException("could not load", new CannotGetJdbcConnectionException("no", timeout));

        assertThat(DatabaseOutage.of(wrapped)).contains(DatabaseOutage.UNREACHABLE);
        assertThat(DatabaseOutage.of(new CannotCreateTransactionException("Could not open JDBC Connection")))
                .contains(DatabaseOutage.UNREACHABLE);
        assertThat(DatabaseOutage.of(new RuntimeException(new ConnectException("Connection refused"))))
                .contains(DatabaseOutage.UNREACHABLE);
    }

    @Test
    void connection_and_shutdown_sql_states_are_the_database_unreachable() {
        assertThat(DatabaseOutage.of(new SQLException("I/O error", "08006"))).contains(DatabaseOutage.UNREACHABLE);
        assertThat(DatabaseOutage.of(new SQLException("terminating connection due to administrator command", "57P01")))
                .contains(DatabaseOutage.UNREACHABLE);
        assertThat(DatabaseOutage.of(new SQLException("the database system is starting up", "57P03")))
                .contains(DatabaseOutage.UNREACHABLE);
    }

    @Test
    void a_commit_on_a_connection_that_broke_under_it_is_the_database_unreachable_but_a_refused_commit_is_not() {
        // What a write met when PostgreSQL stopped between its statements and its commit (fault suite, part 3).
        var broken = new TransactionSystemException("JDBC commit failed", new SQLException("Connection is closed"));
        var deferred = new TransactionSystemException(
                "JDBC commit failed", new SQLException("violates foreign key constraint", "23503"));

        assertThat(DatabaseOutage.of(broken)).contains(DatabaseOutage.UNREACHABLE);
        assertThat(DatabaseOutage.of(deferred)).isEmpty();
    }

    @Test
    void a_read_only_transaction_or_a_full_disk_is_the_database_refusing_writes() {
        var readOnly = new SQLException("cannot execute INSERT in a read-only transaction", "25006");

        assertThat(DatabaseOutage.of(new EventStoreException("append failed", readOnly)))
                .contains(DatabaseOutage.READ_ONLY);
        assertThat(DatabaseOutage.of(new DataAccessResourceFailureException(
                        "insert failed", new SQLException("could not extend file", "53100"))))
                .contains(DatabaseOutage.READ_ONLY);
    }

    @Test
    void a_refusal_of_the_request_itself_is_no_outage() {
        var duplicate = new SQLException("duplicate key value violates unique constraint", "23505");

        assertThat(DatabaseOutage.of(new DataIntegrityViolationException("duplicate", duplicate)))
                .isEmpty();
        assertThat(DatabaseOutage.of(new DataAccessResourceFailureException(
                        "too complex", new SQLException("statement too complex", "54001"))))
                .isEmpty();
        assertThat(DatabaseOutage.of(new IllegalArgumentException("no"))).isEmpty();
        assertThat(DatabaseOutage.of(null)).isEmpty();
    }
}
