package org.parley.history.benchmarks;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * Axon's transaction and connection seams over a plain DataSource: a transaction binds one connection to the
 * thread until it commits, and every connection handed out meanwhile is that one. This is what Spring's
 * DataSourceTransactionManager and Axon's Spring connection provider do for the service, without Spring.
 */
final class ThreadBoundJdbcTransactions implements TransactionManager, ConnectionProvider {

    /**
     * A transaction started inside another joins it. Its rollback does nothing: the engines roll back only while
     * rethrowing, so the outer transaction sees the failure and rolls back itself.
     */
    private static final Transaction JOINED = new Transaction() {
        @Override
        public void commit() {}

        @Override
        public void rollback() {}
    };

    private final DataSource dataSource;
    private final ThreadLocal<Connection> bound = new ThreadLocal<>();

    ThreadBoundJdbcTransactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Transaction startTransaction() {
        if (bound.get() != null) {
            return JOINED;
        }
        Connection connection;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new JdbcException("cannot start a transaction", e);
        }
        bound.set(unclosable(connection));
        return new Transaction() {
            @Override
            public void commit() {
                try {
                    connection.commit();
                } catch (SQLException e) {
                    throw new JdbcException("commit failed", e);
                } finally {
                    release(connection);
                }
            }

            @Override
            public void rollback() {
                try {
                    connection.rollback();
                } catch (SQLException e) {
                    throw new JdbcException("rollback failed", e);
                } finally {
                    release(connection);
                }
            }
        };
    }

    @Override
    public Connection getConnection() {
        Connection connection = bound.get();
        if (connection == null) {
            throw new IllegalStateException("no transaction on this thread");
        }
        return connection;
    }

    private void release(Connection connection) {
        bound.remove();
        try {
            connection.setAutoCommit(true);
            connection.close();
        } catch (SQLException e) {
            throw new JdbcException("cannot return the connection to the pool", e);
        }
    }

    /** The engines close every connection they are given; the transaction's connection must outlive that. */
    private static Connection unclosable(Connection connection) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
