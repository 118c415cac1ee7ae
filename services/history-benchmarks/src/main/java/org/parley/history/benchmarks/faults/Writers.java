package org.parley.history.benchmarks.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.parley.history.contract.command.RecordAccount;
import org.parley.history.contract.command.RegisterSource;
import org.parley.history.contract.command.ReportDiplomaticEvent;
import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.DiplomaticEventKind;
import org.parley.history.contract.value.OccurredTime;
import org.parley.history.contract.value.Publication;
import org.parley.history.contract.value.SourceKind;

/**
 * Clients writing as users do, each on a thread of its own: a source, then an account of the client's own event
 * citing it, over and over. Each write goes to the next of the live processes; one that is not answered (or
 * answered 5xx) is sent again with the same {@code X-Command-Id}, to the next process, after a short pause, until it
 * is acknowledged or the clients are stopped. Only a {@code 2xx} counts as acknowledged. Every answer is kept with
 * its time, so that a scenario can say what was answered while its fault lasted.
 */
final class Writers implements AutoCloseable {

    /** One answer a client got: when (System.nanoTime), from which process, what, and how long it took. */
    record Call(long at, Service target, int status, long nanos) {}

    private static final long RETRY_PAUSE_MS = 200;

    private final Http http;
    private final Supplier<List<Service>> targets;
    private final String prefix;
    private final int clients;
    private final ExecutorService threads;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Future<?>> running = new ArrayList<>();
    /** Entity id (source or account) → the kind of write, for every acknowledged write. */
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();

    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private volatile long lastAcknowledged;

    Writers(Http http, Supplier<List<Service>> targets, int clients, String prefix) {
        this.http = http;
        this.targets = targets;
        this.clients = clients;
        this.prefix = prefix;
        // Daemon threads: a scenario that fails half-way must not keep the suite's JVM from ending.
        this.threads = Executors.newFixedThreadPool(clients, runnable -> {
            Thread thread = new Thread(runnable, prefix + "-client");
            thread.setDaemon(true);
            return thread;
        });
    }

    Writers start() {
        for (int client = 0; client < clients; client++) {
            int me = client;
            running.add(threads.submit(() -> write(me)));
        }
        return this;
    }

    /** Stops the clients after their current write (acknowledged or given up). */
    void stop() throws Exception {
        stop.set(true);
        for (Future<?> client : running) {
            client.get(2, TimeUnit.MINUTES);
        }
    }

    Map<String, String> acknowledged() {
        return acknowledged;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Call> callsBetween(long from, long to) {
        return calls.stream()
                .filter(call -> call.at() >= from && call.at() < to)
                .toList();
    }

    long lastAcknowledged() {
        return lastAcknowledged;
    }

    /** Waits until at least {@code count} more writes are acknowledged than now (or the timeout passes). */
    void awaitMore(int count, long timeoutMs) throws InterruptedException {
        int target = acknowledged.size() + count;
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (acknowledged.size() < target && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
    }

    private void write(int client) {
        String source = prefix + "-c" + client + "-source";
        String event = prefix + "-c" + client + "-event";
        if (!send(client, 0, "/api/sources", registerSource(source), "setup")
                || !send(client, 1, "/api/events", reportEvent(event, source), "setup")) {
            return;
        }
        for (int i = 2; !stop.get(); i++) {
            if (i % 2 == 0) {
                String id = prefix + "-c" + client + "-s" + i;
                send(client, i, "/api/sources", registerSource(id), id);
            } else {
                String id = prefix + "-c" + client + "-a" + i;
                send(client, i, "/api/accounts", account(event, id, source), id);
            }
        }
    }

    /** Sends one write until it is acknowledged; false if the clients were stopped first. */
    private boolean send(int client, int i, String path, Object command, String entity) {
        String commandId = UUID.randomUUID().toString();
        for (int attempt = 0; ; attempt++) {
            List<Service> live = targets.get();
            Service target = live.get(Math.floorMod(client + i + attempt, live.size()));
            Http.Answer answer = http.post(target, path, command, commandId);
            calls.add(new Call(System.nanoTime(), target, answer.status(), answer.nanos()));
            if (answer.ok()) {
                if (!entity.equals("setup")) {
                    acknowledged.put(entity, path);
                }
                lastAcknowledged = System.nanoTime();
                return true;
            }
            if (answer.status() >= 400 && answer.status() < 500) {
                throw new IllegalStateException(path + " refused " + answer.status() + ": " + answer.body());
            }
            if (stop.get()) {
                return false;
            }
            try {
                Thread.sleep(RETRY_PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    static RegisterSource registerSource(String id) {
        return new RegisterSource(
                id,
                "Report " + id,
                "Fault Gazette",
                List.of("A. Writer"),
                SourceKind.ARTICLE,
                Publication.stated("2024-04-16"),
                "https://example.org/" + id,
                "en",
                null,
                List.of());
    }

    static ReportDiplomaticEvent reportEvent(String id, String source) {
        return new ReportDiplomaticEvent(id, DiplomaticEventKind.TALKS_ROUND, "Talks " + id, Citation.of(source, "p1"));
    }

    static RecordAccount account(String event, String id, String source) {
        return account(event, id, source, null);
    }

    static RecordAccount account(String event, String id, String source, Long expectedVersion) {
        return new RecordAccount(
                event,
                id,
                Citation.of(source, "p4"),
                new AccountClaims(
                        OccurredTime.at("2022-03-29"),
                        "Istanbul",
                        List.of("Ukraine", "Russia"),
                        null,
                        null,
                        null,
                        null,
                        "The delegations met."),
                expectedVersion);
    }

    @Override
    public void close() {
        stop.set(true);
        threads.shutdownNow();
    }
}
