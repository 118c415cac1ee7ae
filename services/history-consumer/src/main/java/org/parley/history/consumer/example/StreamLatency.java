package org.parley.history.consumer.example;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.parley.history.consumer.LedgerMessage;
import org.parley.history.consumer.LedgerMessageDeserializer;

/**
 * Measures the stream's end-to-end latency as a newsroom sees it: from an editor's write being accepted over HTTP
 * (the 201 received) to a consumer of {@code parley.ledger.v1} receiving the event. Writes one source at a time,
 * a short pause between them, and prints p50/p90/p99/max.
 *
 * <pre>
 * java -cp ... org.parley.history.consumer.example.StreamLatency http://localhost:8080 editor:PASSWORD localhost:59092 500
 * </pre>
 */
public final class StreamLatency {

    private StreamLatency() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: StreamLatency BASE_URL USER:PASSWORD BOOTSTRAP_SERVERS [WRITES] [PAUSE_MS]");
            System.exit(2);
        }
        URI base = URI.create(args[0]);
        String authorization = "Basic " + Base64.getEncoder().encodeToString(args[1].getBytes(StandardCharsets.UTF_8));
        int writes = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        long pauseMillis = args.length > 4 ? Long.parseLong(args[4]) : 20;
        String run = UUID.randomUUID().toString().substring(0, 8);

        Map<String, Long> received = new ConcurrentHashMap<>();
        AtomicBoolean consuming = new AtomicBoolean(true);
        KafkaConsumer<String, LedgerMessage> consumer = consumer(args[2]);
        Thread reader = new Thread(() -> {
            while (consuming.get()) {
                for (ConsumerRecord<String, LedgerMessage> record : consumer.poll(Duration.ofMillis(100))) {
                    received.putIfAbsent(record.key(), System.nanoTime());
                }
            }
            consumer.close();
        });
        reader.start();

        HttpClient http = HttpClient.newHttpClient();
        Map<String, Long> accepted = new ConcurrentHashMap<>();
        Map<String, Long> sent = new ConcurrentHashMap<>();
        for (int i = 0; i < writes; i++) {
            String sourceId = "latency-" + run + "-" + i;
            String body = "{\"sourceId\":\"" + sourceId + "\",\"title\":\"Latency probe " + i
                    + "\",\"kind\":\"ARTICLE\"," + "\"publication\":{\"basis\":\"UNKNOWN\"}}";
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/sources"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", authorization)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long done = System.nanoTime();
            if (response.statusCode() != 201) {
                throw new IllegalStateException(
                        "write " + i + " answered " + response.statusCode() + ": " + response.body());
            }
            sent.put(sourceId, start);
            accepted.put(sourceId, done);
            Thread.sleep(pauseMillis);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!received.keySet().containsAll(accepted.keySet()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        consuming.set(false);
        reader.join();

        List<Double> fromAccepted = new ArrayList<>();
        List<Double> fromSent = new ArrayList<>();
        List<Double> http201 = new ArrayList<>();
        for (String sourceId : accepted.keySet()) {
            Long at = received.get(sourceId);
            http201.add((accepted.get(sourceId) - sent.get(sourceId)) / 1e6);
            if (at != null) {
                fromAccepted.add((at - accepted.get(sourceId)) / 1e6);
                fromSent.add((at - sent.get(sourceId)) / 1e6);
            }
        }
        System.out.printf(
                "writes: %d, received: %d (pause %d ms between writes)%n", writes, fromAccepted.size(), pauseMillis);
        print("HTTP write (request sent -> 201)", http201);
        print("201 received -> consumer received", fromAccepted);
        print("request sent -> consumer received", fromSent);
    }

    private static KafkaConsumer<String, LedgerMessage> consumer(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, LedgerMessageDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        KafkaConsumer<String, LedgerMessage> consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = consumer.partitionsFor("parley.ledger.v1").stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static void print(String what, List<Double> millis) {
        if (millis.isEmpty()) {
            System.out.printf("%-36s no samples%n", what);
            return;
        }
        Collections.sort(millis);
        System.out.printf(
                "%-36s p50 %6.1f ms  p90 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n",
                what,
                percentile(millis, 50),
                percentile(millis, 90),
                percentile(millis, 99),
                millis.get(millis.size() - 1));
    }

    private static double percentile(List<Double> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
