package org.parley.history.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * What to measure and where. Each setting is read from a system property ({@code -Dparley.bench.events=...}),
 * then from the environment ({@code PARLEY_BENCH_EVENTS=...}), then falls back to a default for a local server.
 */
record BenchmarkSettings(
        String jdbcUrl,
        String jpaUrl,
        String user,
        String password,
        String schema,
        int events,
        int aggregates,
        int batchSize,
        int warmupEvents,
        int repetitions,
        List<StorageVariant> variants) {

    static BenchmarkSettings load() {
        String variants = setting("variants", "all");
        return new BenchmarkSettings(
                setting("jdbc-url", "jdbc:postgresql://localhost:5432/parley_bench_jdbc"),
                setting("jpa-url", "jdbc:postgresql://localhost:5432/parley_bench_jpa"),
                setting("user", "parley"),
                setting("password", "parley"),
                setting("schema", "bench"),
                Integer.parseInt(setting("events", "20000")),
                Integer.parseInt(setting("aggregates", "500")),
                Integer.parseInt(setting("batch-size", "100")),
                Integer.parseInt(setting("warmup-events", "2000")),
                Integer.parseInt(setting("repetitions", "3")),
                variants.equals("all")
                        ? List.of(StorageVariant.values())
                        : Arrays.stream(variants.split(","))
                                .map(String::trim)
                                .map(StorageVariant::named)
                                .toList());
    }

    /** The transaction sizes measured: one event per transaction, as command handling does, and bulk batches. */
    List<Integer> transactionSizes() {
        return batchSize == 1 ? List.of(1) : List.of(1, batchSize);
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty("parley.bench." + name);
        if (value == null || value.isBlank()) {
            value = System.getenv("PARLEY_BENCH_" + name.toUpperCase().replace('-', '_'));
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
