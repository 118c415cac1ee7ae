package org.parley.history.service.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.util.FileSystemUtils;

/**
 * A PostgreSQL of one test's own, that the test may take away: {@link #kill()} is {@code pg_ctl stop -m immediate}
 * (SIGQUIT to the postmaster: every backend dies at once, nothing is flushed that was not yet), and {@link #start()}
 * brings it back on the same port and data directory, through crash recovery, as a restarted server would. Durable
 * like the embedded default (fsync and synchronous commit on), so that what it acknowledged survives.
 */
public final class StoppablePostgres implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres running;

    private StoppablePostgres(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    public static StoppablePostgres started() {
        try {
            StoppablePostgres postgres =
                    new StoppablePostgres(Files.createTempDirectory("parley-stoppable-pg"), freePort());
            postgres.start();
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a stoppable PostgreSQL", e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    public String username() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    public synchronized void start() {
        try {
            running = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setRegisterShutdownHook(false)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL on " + dataDir, e);
        }
    }

    /** Immediate shutdown of the running server; returns once its postmaster is gone. */
    public synchronized void kill() {
        long pid = postmasterPid();
        try {
            Process kill = new ProcessBuilder("kill", "-QUIT", String.valueOf(pid))
                    .inheritIO()
                    .start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -QUIT " + pid + " failed");
            }
            Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
            if (postmaster.isPresent()) {
                postmaster.get().onExit().get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not stop PostgreSQL " + pid, e);
        }
        releaseQuietly();
    }

    /** A connection of the test's own, beside Parley's pool, e.g. to turn the server read-only. */
    public SingleConnectionDataSource admin() {
        return new SingleConnectionDataSource(jdbcUrl(), username(), password(), true);
    }

    @Override
    public synchronized void close() {
        releaseQuietly();
        FileSystemUtils.deleteRecursively(dataDir.toFile());
    }

    /** Zonky's handle holds a lock on the data directory; its own stop finds the server gone, which is fine. */
    private void releaseQuietly() {
        if (running != null) {
            try {
                running.close();
            } catch (IOException | RuntimeException alreadyGone) {
                // the server is already down; the lock is released either way
            }
            running = null;
        }
    }

    private long postmasterPid() {
        try {
            return Long.parseLong(
                    Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("no running PostgreSQL in " + dataDir, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
