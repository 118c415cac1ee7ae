package org.parley.history.service.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * One real PostgreSQL for the whole test run: Testcontainers' where a Docker engine answers, otherwise an embedded
 * server started from zonky's binaries. Never a mock, never an in-memory stand-in.
 */
public final class TestDatabase {

    /** How to reach the server. */
    public record Connection(String url, String username, String password, String kind) {}

    private static Connection connection;

    private TestDatabase() {}

    public static synchronized Connection connection() {
        if (connection == null) {
            connection = dockerAvailable() ? startContainer() : startEmbedded();
        }
        return connection;
    }

    /**
     * A database of its own on the same server, for a test whose ledger must not reach the others' (one holding an
     * event the read model cannot apply, say).
     */
    public static Connection freshDatabase(String prefix) {
        Connection server = connection();
        String name = prefix + "_"
                + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (java.sql.Connection admin =
                        java.sql.DriverManager.getConnection(server.url(), server.username(), server.password());
                java.sql.Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        String url = server.url().replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
        return new Connection(url, server.username(), server.password(), server.kind());
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError noDocker) {
            return false;
        }
    }

    @SuppressWarnings("resource")
    private static Connection startContainer() {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:16-alpine");
        container.start();
        return new Connection(
                container.getJdbcUrl(), container.getUsername(), container.getPassword(), "testcontainers");
    }

    private static Connection startEmbedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the server's temporary directory goes with it
                }
            }));
            return new Connection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", "embedded");
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        }
    }
}
