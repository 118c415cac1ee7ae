package org.parley.history.benchmarks.read;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Times one kind of read query over HTTP, sequentially, as one analyst would send them: a warm-up whose times are
 * thrown away, then the measured requests, cycling through the given paths so that parameters vary. Latency is
 * from sending the request to having read the whole body.
 */
final class QueryTimer {

    /** The figures for one query. */
    record Stats(
            String query,
            String target,
            int requests,
            double p50Millis,
            double p99Millis,
            double maxMillis,
            double meanMillis,
            long meanBytes,
            int errors,
            String firstError) {

        boolean meets(double limitMillis) {
            return errors == 0 && p99Millis <= limitMillis;
        }
    }

    private final HttpClient http;
    private final String baseUrl;
    private final String authorization;

    QueryTimer(HttpClient http, String baseUrl, String authorization) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Authorization", authorization)
                        .header("Accept", "application/json")
                        .timeout(Duration.ofSeconds(120))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> post(String path, String json) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Authorization", authorization)
                        .header("Accept", "application/json")
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(120))
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    Stats time(String query, String target, List<String> paths, int warmup, int measured)
            throws IOException, InterruptedException {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no paths for " + query);
        }
        for (int i = 0; i < warmup; i++) {
            get(paths.get(i % paths.size()));
        }
        long[] nanos = new long[measured];
        long bytes = 0;
        int errors = 0;
        String firstError = null;
        for (int i = 0; i < measured; i++) {
            String path = paths.get((warmup + i) % paths.size());
            long started = System.nanoTime();
            HttpResponse<byte[]> response = get(path);
            nanos[i] = System.nanoTime() - started;
            bytes += response.body().length;
            if (response.statusCode() != 200) {
                errors++;
                if (firstError == null) {
                    String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
                    firstError = response.statusCode() + " on " + path + ": "
                            + body.substring(0, Math.min(300, body.length()));
                }
            }
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        return new Stats(
                query,
                target,
                measured,
                percentile(sorted, 50),
                percentile(sorted, 99),
                sorted[sorted.length - 1] / 1e6,
                mean,
                bytes / measured,
                errors,
                firstError);
    }

    /** Nearest rank: the smallest value with at least p% of the values at or below it. */
    static double percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }
}
