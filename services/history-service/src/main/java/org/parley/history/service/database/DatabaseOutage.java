package org.parley.history.service.database;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure means PostgreSQL is away rather than that a request was wrong: no connection could be had in
 * time (the server down, unreachable, restarting) or the server refuses writes (a standby after a fail-over, a full
 * disk). Recognised wherever it sits in the cause chain, since Spring, HikariCP and Axon each wrap it their way.
 */
public enum DatabaseOutage {
    /** No connection within the pool's timeout, or the one in use broke. */
    UNREACHABLE,
    /** Connected, but writes are refused: SQLState 25006 (read-only transaction) or 53100 (disk full). */
    READ_ONLY;

    public static Optional<DatabaseOutage> of(Throwable failure) {
        // The server's SQLState, where there is one, says more than the type of any wrapper around it.
        for (Throwable cause : chain(failure)) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                Optional<DatabaseOutage> outage = byState(sql.getSQLState());
                if (outage.isPresent()) {
                    return outage;
                }
            }
        }
        // A commit or rollback that failed without any SQLState: the connection broke under the transaction (HikariCP
        // then says only "Connection is closed"). Whether the commit landed is unknown, which a 503 says: send it
        // again, its replay is recognised. A server's refusal at commit (a deferred constraint) carries its state.
        boolean stateless = chain(failure).stream()
                .noneMatch(cause -> cause instanceof SQLException sql && sql.getSQLState() != null);
        for (Throwable cause : chain(failure)) {
            if (cause instanceof TransactionSystemException && stateless) {
                return Optional.of(UNREACHABLE);
            }
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof CannotGetJdbcConnectionException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof ConnectException
                    || cause instanceof SocketTimeoutException) {
                return Optional.of(UNREACHABLE);
            }
        }
        return Optional.empty();
    }

    private static Optional<DatabaseOutage> byState(String state) {
        if (state.equals("25006") || state.equals("53100")) {
            return Optional.of(READ_ONLY);
        }
        // 08: connection exceptions; 57P01-03: the server is shutting down, crashed or not yet accepting.
        if (state.startsWith("08") || state.startsWith("57P")) {
            return Optional.of(UNREACHABLE);
        }
        return Optional.empty();
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable cause = failure; cause != null && seen.put(cause, true) == null; cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }
}
