package org.parley.history.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's PostgreSQL, kept running. Its postmaster is a process of its own (started by
 * {@code pg_ctl}), so it can die while Parley lives: killed, out of memory, a crash. Then nobody else would start
 * it again, and every write would be refused until Parley itself was restarted. A watchdog looks at the
 * postmaster's pid every {@code checkEvery}; when that process is gone it starts the server again on the same
 * port and data directory, through PostgreSQL's crash recovery, so that the pool (which only knows the port)
 * finds it again by itself. While it is away, the service's database probe answers {@code 503} as for any other
 * database.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final Path dataDir;
    private final ScheduledExecutorService watchdog;
    private final AtomicLong restarts = new AtomicLong();
    private volatile int port;
    private volatile EmbeddedPostgres running;
    private volatile boolean closed;

    private EmbeddedPostgresServer(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "parley-embedded-postgres-watchdog");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the server ({@code port} 0: a free one, kept for every restart) and its watchdog. */
    public static EmbeddedPostgresServer start(Path dataDir, int port, Duration checkEvery) throws IOException {
        Files.createDirectories(dataDir);
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(dataDir, port);
        server.stopOrphan();
        server.running = server.launch();
        server.port = server.running.getPort();
        if (!checkEvery.isZero() && !checkEvery.isNegative()) {
            server.watchdog.scheduleWithFixedDelay(
                    server::restartIfGone, checkEvery.toMillis(), checkEvery.toMillis(), TimeUnit.MILLISECONDS);
        }
        return server;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String jdbcUrl(String user, String database) {
        return running.getJdbcUrl(user, database);
    }

    /** How often the watchdog found the server gone and started it again. */
    public long restarts() {
        return restarts.get();
    }

    /**
     * The postmaster's pid, from the first line of {@code postmaster.pid} (PostgreSQL's own lock file), or -1 when
     * there is none. After a {@code kill -9} the file stays behind with the dead pid.
     */
    public long postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
        } catch (NoSuchFileException | NumberFormatException none) {
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Whether the postmaster runs; a zombie (killed, not yet reaped by a container's init) does not. */
    public boolean isRunning() {
        long pid = postmasterPid();
        if (pid <= 0 || !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (comm) state ...": the state follows the command name's closing parenthesis
            int end = stat.lastIndexOf(')');
            return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
        } catch (IOException noProcfs) {
            return true;
        }
    }

    /**
     * A postmaster still running on this data directory is an orphan: the Parley that started it was killed (kill
     * -9, out of memory) and could not stop it. A new one would refuse to start beside it, so it is asked for a fast
     * shutdown (SIGINT: open transactions rolled back, everything committed kept) and awaited.
     */
    private void stopOrphan() throws IOException {
        if (!isRunning()) {
            return;
        }
        long pid = postmasterPid();
        log.warn("Embedded PostgreSQL from an earlier run is still running (pid {}); stopping it first", pid);
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid))
                    .redirectErrorStream(true)
                    .start()
                    .waitFor(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // Polled rather than awaited with onExit: a zombie counts as alive there.
            while (isRunning()) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("PostgreSQL " + pid + " from an earlier run did not stop within 60 s");
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL " + pid, e);
        }
    }

    private void restartIfGone() {
        if (closed || isRunning()) {
            return;
        }
        long started = System.nanoTime();
        log.warn("Embedded PostgreSQL (pid {}) is gone; starting it again on port {}", postmasterPid(), port);
        EmbeddedPostgres dead = running;
        try {
            // Releases zonky's lock on the data directory; its pg_ctl stop finds nothing to stop.
            dead.close();
        } catch (IOException | RuntimeException ignored) {
            // the server is gone already; only the lock mattered
        }
        try {
            synchronized (this) {
                if (closed) {
                    return;
                }
                running = launch();
            }
            restarts.incrementAndGet();
            log.warn(
                    "Embedded PostgreSQL is running again on port {} (pid {}) after {} ms",
                    port,
                    postmasterPid(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            // Backends of the dead postmaster may still hold its shared memory for a moment; the next check retries.
            log.warn("Embedded PostgreSQL did not start again yet: {}", e.toString());
        }
    }

    private EmbeddedPostgres launch() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                // Closed with the context (or by the watchdog), never by a hook that could stop a restarted server.
                .setRegisterShutdownHook(false);
        if (port != 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        watchdog.shutdownNow();
        running.close();
    }
}
