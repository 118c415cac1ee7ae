package org.parley.history.service.readmodel;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * Tells a failure that belongs to one ledger event (a value PostgreSQL refuses, a handler that breaks on it) from one
 * that would fail every event alike (the database away, read-only or full, a lost claim, a schema the code does not
 * match). Only the first kind may park an event: parking on the second would empty the read model into the parked
 * table, so the processor stops and retries instead, as it always did.
 */
final class ReadModelFailures {

    /**
     * SQLState classes that say nothing about the event: connection (08), transaction state such as a read-only
     * standby (25), authorization (28), catalog and schema (3D, 3F), rollbacks for serialization or deadlock (40),
     * syntax or undefined objects, i.e. code and schema out of step (42), insufficient resources such as a full disk
     * (53), objects not ready or locked (55), operator intervention and cancels (57), system errors (58), and internal
     * errors (XX).
     */
    private static final Set<String> NOT_THE_EVENTS =
            Set.of("08", "25", "28", "3D", "3F", "40", "42", "53", "55", "57", "58", "F0", "XX");

    private static final int MAX_ERROR = 1000;

    /** A Java class or member named in a message (helpful NullPointerException texts name several). */
    private static final Pattern JAVA_NAME = Pattern.compile("\\b[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*\\.[A-Z]\\w*");

    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F]");

    private ReadModelFailures() {}

    /** Whether this failure is the event's own, so that parking the event and going on is right. */
    static boolean isTheEvents(Throwable failure) {
        for (Throwable cause : chain(failure)) {
            if (cause instanceof Error
                    || cause instanceof InterruptedException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransactionException
                    || cause instanceof UnableToClaimTokenException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof SQLNonTransientConnectionException) {
                return false;
            }
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().length() >= 2
                    && NOT_THE_EVENTS.contains(sql.getSQLState().substring(0, 2))) {
                return false;
            }
        }
        return true;
    }

    /**
     * What an operator reads about the failure: PostgreSQL's own words and SQLState, never the statement or its
     * values (they hold the event's text), nor Java class names.
     */
    static String describe(Throwable failure) {
        SQLException sql = null;
        for (Throwable cause : chain(failure)) {
            if (cause instanceof SQLException found) {
                sql = found;
            }
        }
        String description;
        if (sql != null) {
            description = "PostgreSQL refused the read model's write (SQLState " + sql.getSQLState() + "): "
                    + serverMessage(sql);
        } else if (root(failure) instanceof IncorrectResultSizeDataAccessException missing
                && missing.getActualSize() == 0) {
            description = "the read model lacks a row this event needs: it rests on an event that is parked too,"
                    + " or the handler is wrong";
        } else {
            String message = root(failure).getMessage();
            description = message == null
                            || message.isBlank()
                            || JAVA_NAME.matcher(message).find()
                    ? "the read model's handler failed on this event (the log has the details)"
                    : "the read model's handler failed on this event: " + message;
        }
        // The error is stored as text: it must not carry what made the event fail in the first place.
        description = CONTROL.matcher(description).replaceAll("?");
        return description.length() <= MAX_ERROR ? description : description.substring(0, MAX_ERROR - 1) + "…";
    }

    /** The server's message alone; the driver's text for a batch names the statement and its values first. */
    private static String serverMessage(SQLException sql) {
        String message = String.valueOf(sql.getMessage());
        int error = message.indexOf("ERROR: ");
        if (error >= 0) {
            message = message.substring(error + "ERROR: ".length());
        }
        int batchEnd = message.indexOf("  Call getNextException");
        if (batchEnd >= 0) {
            message = message.substring(0, batchEnd);
        }
        return message.strip();
    }

    private static Throwable root(Throwable failure) {
        List<Throwable> chain = chain(failure);
        return chain.get(chain.size() - 1);
    }

    /** The failure, its causes, and the further exceptions a JDBC batch chains to them, outermost first. */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable current = failure;
        while (current != null && seen.put(current, Boolean.TRUE) == null) {
            chain.add(current);
            Throwable next = current.getCause();
            if (current instanceof SQLException sql && sql.getNextException() != null) {
                next = sql.getNextException();
            }
            current = next;
        }
        return chain;
    }
}
