package org.parley.history.benchmarks;

import java.util.Arrays;

/** One timed run: how long appending all events took, and each transaction's latency. */
record RunResult(
        StorageVariant variant,
        int eventsPerTransaction,
        int events,
        long elapsedNanos,
        long[] transactionNanos,
        String storage) {

    double elapsedMillis() {
        return elapsedNanos / 1e6;
    }

    double eventsPerSecond() {
        return events / (elapsedNanos / 1e9);
    }

    /** A latency percentile over this run's transactions, in milliseconds. */
    double transactionMillis(double percentile) {
        long[] sorted = transactionNanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
