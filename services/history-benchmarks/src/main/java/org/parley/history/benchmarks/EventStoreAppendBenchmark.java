package org.parley.history.benchmarks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.parley.history.contract.event.AccountRecorded;
import org.parley.history.contract.event.DiplomaticEventReported;

/**
 * Appends the same ledger workload through Axon's JDBC and JPA storage engines (and a hand-written INSERT as the
 * floor) into PostgreSQL, one event per transaction and in batches, and prints the figures as a Markdown table.
 *
 * <p>Every run starts on an empty schema. Each variant and transaction size is warmed up once on a scratch schema
 * that is then dropped; the measured runs are interleaved (variant after variant, repetition after repetition) so
 * that drift of the machine spreads over all variants instead of landing on one. Settings: see
 * {@link BenchmarkSettings}; the run script is infra/bench/run-append-benchmark.sh.
 */
public final class EventStoreAppendBenchmark {

    private static final long WORKLOAD_SEED = 20_221_123L;

    private final BenchmarkSettings settings;
    private final BenchDatabase jdbcDatabase;
    private final BenchDatabase jpaDatabase;
    private final Serializer serializer;
    private final LedgerWorkload workload;

    private EventStoreAppendBenchmark(BenchmarkSettings settings) {
        this.settings = settings;
        this.jdbcDatabase =
                new BenchDatabase(settings.jdbcUrl(), settings.user(), settings.password(), settings.schema());
        this.jpaDatabase =
                new BenchDatabase(settings.jpaUrl(), settings.user(), settings.password(), settings.schema());
        this.serializer =
                JacksonSerializer.builder().objectMapper(objectMapper()).build();
        this.workload = new LedgerWorkload(settings.aggregates(), WORKLOAD_SEED);
    }

    public static void main(String[] args) {
        new EventStoreAppendBenchmark(BenchmarkSettings.load()).run();
    }

    /** Like the service's: Jackson with every module on the classpath, absent values left out. */
    static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .findAndRegisterModules()
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    private void run() {
        describeSetup();
        for (StorageVariant variant : settings.variants()) {
            for (int size : settings.transactionSizes()) {
                RunResult warmup = runOnce(variant, size, settings.warmupEvents(), false);
                System.out.printf(
                        "warm-up   %-28s %3d/tx  %,9.0f events/s (discarded)%n",
                        variant.label(), size, warmup.eventsPerSecond());
            }
        }
        Map<String, List<RunResult>> results = new LinkedHashMap<>();
        for (int repetition = 1; repetition <= settings.repetitions(); repetition++) {
            for (StorageVariant variant : settings.variants()) {
                for (int size : settings.transactionSizes()) {
                    RunResult result = runOnce(variant, size, settings.events(), true);
                    results.computeIfAbsent(variant.label() + "/" + size, key -> new ArrayList<>())
                            .add(result);
                    System.out.printf(
                            "run %d/%d   %-28s %3d/tx  %,9.0f ms  %,9.0f events/s  p99 tx %.2f ms  (%s)%n",
                            repetition,
                            settings.repetitions(),
                            variant.label(),
                            size,
                            result.elapsedMillis(),
                            result.eventsPerSecond(),
                            result.transactionMillis(99),
                            result.storage());
                }
            }
        }
        printTable(results);
    }

    private RunResult runOnce(StorageVariant variant, int eventsPerTransaction, int events, boolean measured) {
        BenchDatabase database = variant.usesJpaDatabase() ? jpaDatabase : jdbcDatabase;
        List<DomainEventMessage<?>> messages = workload.generate(events);
        List<List<DomainEventMessage<?>>> transactions = new ArrayList<>();
        for (int from = 0; from < messages.size(); from += eventsPerTransaction) {
            transactions.add(messages.subList(from, Math.min(messages.size(), from + eventsPerTransaction)));
        }
        try (AppendTarget target = variant.open(database, serializer)) {
            if (measured) {
                database.settle();
            }
            System.gc();
            long[] transactionNanos = new long[transactions.size()];
            long start = System.nanoTime();
            for (int t = 0; t < transactions.size(); t++) {
                long transactionStart = System.nanoTime();
                target.appendInTransaction(transactions.get(t));
                transactionNanos[t] = System.nanoTime() - transactionStart;
            }
            long elapsed = System.nanoTime() - start;
            verify(target, variant, events);
            return new RunResult(
                    variant, eventsPerTransaction, events, elapsed, transactionNanos, database.storageSummary());
        }
    }

    /** A run counts only if every event is stored and an aggregate reads back as the objects that went in. */
    private void verify(AppendTarget target, StorageVariant variant, int events) {
        long stored = target.storedEvents();
        if (stored != events) {
            throw new IllegalStateException(variant.label() + " stored " + stored + " of " + events + " events");
        }
        List<Object> payloads = target.readBack(workload.firstAggregateId());
        long expected = workload.eventsOfFirstAggregate(events);
        if (payloads.size() != expected
                || !(payloads.get(0) instanceof DiplomaticEventReported)
                || payloads.stream().skip(1).anyMatch(p -> !(p instanceof AccountRecorded))) {
            throw new IllegalStateException(variant.label() + " read back " + payloads.size() + " events of "
                    + workload.firstAggregateId() + ", expected " + expected + " in ledger order");
        }
    }

    private void describeSetup() {
        System.out.printf(
                "Parley event store append benchmark: %,d events over %,d aggregates, "
                        + "%s events per transaction, warm-up %,d, %d repetitions%n",
                settings.events(),
                settings.aggregates(),
                settings.transactionSizes(),
                settings.warmupEvents(),
                settings.repetitions());
        System.out.printf(
                "JVM %s (%s), %d processors, max heap %,d MB%n",
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / 1024 / 1024);
        System.out.println(
                "JVM arguments: " + ManagementFactory.getRuntimeMXBean().getInputArguments());
        for (BenchDatabase database : List.of(jdbcDatabase, jpaDatabase)) {
            Map<String, String> server = database.serverSettings();
            System.out.println(database.url() + ": " + server);
            if (!"on".equals(server.get("fsync")) || !"on".equals(server.get("synchronous_commit"))) {
                throw new IllegalStateException("fsync and synchronous_commit must be on for the figures to mean "
                        + "anything; " + database.url() + " has fsync=" + server.get("fsync")
                        + ", synchronous_commit=" + server.get("synchronous_commit"));
            }
        }
        List<DomainEventMessage<?>> sample = workload.generate(Math.min(settings.events(), 2_000));
        double payloadBytes = sample.stream()
                .mapToInt(
                        m -> serializer.serialize(m.getPayload(), byte[].class).getData().length)
                .average()
                .orElse(0);
        double metadataBytes = sample.stream()
                .mapToInt(
                        m -> serializer.serialize(m.getMetaData(), byte[].class).getData().length)
                .average()
                .orElse(0);
        System.out.printf(
                "serialized payload %.0f bytes, metadata %.0f bytes on average; an AccountRecorded:%n%s%n",
                payloadBytes,
                metadataBytes,
                new String(
                        serializer
                                .serialize(
                                        sample.get(settings.aggregates() % sample.size())
                                                .getPayload(),
                                        byte[].class)
                                .getData(),
                        StandardCharsets.UTF_8));
        for (StorageVariant variant : settings.variants()) {
            System.out.printf("variant %-28s %s%n", variant.label(), variant.description());
        }
    }

    private void printTable(Map<String, List<RunResult>> results) {
        Map<Integer, Double> jdbcMedians = new LinkedHashMap<>();
        results.forEach((key, runs) -> {
            if (runs.get(0).variant() == StorageVariant.AXON_JDBC) {
                jdbcMedians.put(runs.get(0).eventsPerTransaction(), median(runs).elapsedMillis());
            }
        });
        System.out.println();
        System.out.printf(
                "Median of %d runs of %,d events each; spread = (slowest - fastest) / median; "
                        + "latencies are per transaction, from the median run.%n%n",
                settings.repetitions(), settings.events());
        System.out.println("| variant | events/tx | total ms (median) | min–max ms | spread | events/s (median) "
                + "| tx p50 ms | tx p99 ms | time vs axon-jdbc |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int size : settings.transactionSizes()) {
            for (List<RunResult> runs : results.values()) {
                if (runs.get(0).eventsPerTransaction() != size) {
                    continue;
                }
                RunResult median = median(runs);
                double fastest = runs.stream()
                        .mapToDouble(RunResult::elapsedMillis)
                        .min()
                        .orElseThrow();
                double slowest = runs.stream()
                        .mapToDouble(RunResult::elapsedMillis)
                        .max()
                        .orElseThrow();
                Double jdbc = jdbcMedians.get(size);
                System.out.printf(
                        "| %s | %d | %,.0f | %,.0f–%,.0f | %.1f%% | %,.0f | %.3f | %.3f | %s |%n",
                        median.variant().label(),
                        size,
                        median.elapsedMillis(),
                        fastest,
                        slowest,
                        100 * (slowest - fastest) / median.elapsedMillis(),
                        median.eventsPerSecond(),
                        median.transactionMillis(50),
                        median.transactionMillis(99),
                        jdbc == null ? "n/a" : String.format("%.2f×", median.elapsedMillis() / jdbc));
            }
        }
    }

    private static RunResult median(List<RunResult> runs) {
        List<RunResult> sorted = runs.stream()
                .sorted(Comparator.comparingLong(RunResult::elapsedNanos))
                .toList();
        return sorted.get((sorted.size() - 1) / 2);
    }
}
