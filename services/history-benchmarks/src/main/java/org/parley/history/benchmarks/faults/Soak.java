package org.parley.history.benchmarks.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.parley.history.benchmarks.faults.Evidence.LedgerRow;
import org.parley.history.embedded.EmbeddedKafkaBroker;

/**
 * The soak: one process of the jar on the suite's PostgreSQL and an in-process broker for a given time, with four
 * writing clients, two reading ones, a consumer of the ledger topic, and one rebuild of the read model half-way.
 * Every minute the service's heap after a full GC ({@code jcmd GC.run}, then its own metric), its live threads and
 * its connection pool; at the end p50/p99 of writes and reads, errors, and whether the consumer saw every ledger
 * event. What would show a leak: heap after GC or threads growing from sample to sample.
 */
final class Soak {

    private final FaultSuite suite;
    private final Duration length;
    private final Http http;

    Soak(FaultSuite suite, Duration length) {
        this.suite = suite;
        this.length = length;
        this.http = suite.http();
    }

    /** One read: when it was answered, its status and how long it took (not its body: half an hour of those is GBs). */
    record Read(long at, int status, long nanos) {}

    /** One minute's sample of the service. */
    record Sample(
            double minute,
            double heapAfterGcMb,
            double threads,
            double poolActive,
            double poolIdle,
            double poolPending,
            double poolTotal) {}

    void run() throws Exception {
        String database = suite.freshDatabase("soak");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.plaintext(suite.freshDir("soak-kafka"), 0)
                        .start();
                Service service = Service.jar(
                        suite.jar(),
                        suite.backends(database, broker),
                        Map.of(),
                        suite.work().resolve("soak.log"))) {
            Service.Backends backends = suite.backends(database, broker);
            service.awaitUp(http, Duration.ofMinutes(3));
            ExecutorService background = Executors.newFixedThreadPool(3);
            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<Read> reads = new ConcurrentLinkedQueue<>();
            Set<String> consumed = java.util.concurrent.ConcurrentHashMap.newKeySet();
            AtomicLong consumedRecords = new AtomicLong();
            List<Sample> samples = new ArrayList<>();
            long start = System.nanoTime();
            String rebuild = "not run";
            long rebuildFrom = 0;
            long rebuildTo = 0;
            try (Writers writers = new Writers(http, () -> List.of(service), 4, "soak")) {
                writers.start();
                // The readers ask for the clients' events: once they exist.
                writers.awaitMore(16, 120_000);
                for (int reader = 0; reader < 2; reader++) {
                    int me = reader;
                    background.submit(() -> read(service, me, stop, reads));
                }
                background.submit(
                        () -> consume(broker.bootstrapServers(), backends.topic(), stop, consumed, consumedRecords));
                samples.add(sample(service, start));
                print(samples.get(0), writers, reads, consumedRecords.get());
                boolean rebuilt = false;
                long end = start + length.toNanos();
                while (System.nanoTime() < end) {
                    long nextSample = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    if (!rebuilt && System.nanoTime() - start > length.toNanos() / 2) {
                        rebuilt = true;
                        rebuildFrom = System.nanoTime();
                        rebuild = rebuild(service);
                        rebuildTo = System.nanoTime();
                        FaultSuite.OUT.println("rebuild: " + rebuild);
                    }
                    while (System.nanoTime() < Math.min(nextSample, end)) {
                        Thread.sleep(200);
                    }
                    Sample sample = sample(service, start);
                    samples.add(sample);
                    print(sample, writers, reads, consumedRecords.get());
                }
                writers.stop();
                stop.set(true);
                background.shutdown();
                background.awaitTermination(1, TimeUnit.MINUTES);
                Evidence.Found found = Evidence.found(
                        backends.jdbcUrl(),
                        suite.pgUser(),
                        suite.pgPassword(),
                        broker.bootstrapServers(),
                        backends.topic(),
                        writers.acknowledged(),
                        Duration.ofSeconds(120));
                Map<String, LedgerRow> ledger = found.ledger();
                Set<String> notConsumed = new HashSet<>(ledger.keySet());
                notConsumed.removeAll(consumed);
                List<Writers.Call> writes = writers.calls();
                Sample first = samples.get(0);
                Sample last = samples.get(samples.size() - 1);
                FaultSuite.OUT.println();
                FaultSuite.OUT.printf(Locale.ROOT, "| soak, %d min | figure |%n|---|---|%n", length.toMinutes());
                row(
                        "writes acknowledged",
                        String.format(Locale.ROOT, "%,d", writers.acknowledged().size()));
                row(
                        "write p50 / p99 / max",
                        percentiles(writes.stream().map(Writers.Call::nanos).toList()));
                row(
                        "write answers not 2xx, by status (-1: none; each write sent again)",
                        writes.stream()
                                .filter(call -> call.status() / 100 != 2)
                                .collect(java.util.stream.Collectors.groupingBy(
                                        Writers.Call::status,
                                        java.util.TreeMap::new,
                                        java.util.stream.Collectors.counting()))
                                .toString());
                row("reads", String.format(Locale.ROOT, "%,d", reads.size()));
                row(
                        "read p50 / p99 / max",
                        percentiles(reads.stream().map(read -> read.nanos()).toList()));
                long from = rebuildFrom;
                long to = rebuildTo;
                Map<Boolean, List<Read>> byRebuild = reads.stream()
                        .collect(java.util.stream.Collectors.partitioningBy(
                                read -> read.at() >= from && read.at() <= to));
                row(
                        "read errors (not 200) outside the rebuild",
                        Long.toString(byRebuild.get(false).stream()
                                .filter(read -> read.status() != 200)
                                .count()));
                row(
                        "reads during the rebuild, by status",
                        byRebuild.get(true).stream()
                                .collect(java.util.stream.Collectors.groupingBy(
                                        read -> read.status(),
                                        java.util.TreeMap::new,
                                        java.util.stream.Collectors.counting()))
                                .toString());
                row("rebuild half-way", rebuild);
                row(
                        "lost (ledger / topic / read model)",
                        found.lostOnTheLedger() + " / " + found.lostOnTheTopic() + " / " + found.lostInTheReadModel()
                                + " (" + found.topic().note() + ")");
                row(
                        "the consumer",
                        String.format(
                                Locale.ROOT,
                                "%,d records, %,d of %,d ledger events (%d missing at the end)",
                                consumedRecords.get(),
                                ledger.size() - notConsumed.size(),
                                ledger.size(),
                                notConsumed.size()));
                row(
                        "heap after GC, start / end / highest",
                        String.format(
                                Locale.ROOT,
                                "%.0f MB / %.0f MB / %.0f MB",
                                first.heapAfterGcMb(),
                                last.heapAfterGcMb(),
                                samples.stream()
                                        .mapToDouble(Sample::heapAfterGcMb)
                                        .max()
                                        .orElse(0)));
                row(
                        "live threads, start / end / highest",
                        String.format(
                                Locale.ROOT,
                                "%.0f / %.0f / %.0f",
                                first.threads(),
                                last.threads(),
                                samples.stream()
                                        .mapToDouble(Sample::threads)
                                        .max()
                                        .orElse(0)));
                row(
                        "pool at the end (active / idle / pending / total), highest total",
                        String.format(
                                Locale.ROOT,
                                "%.0f / %.0f / %.0f / %.0f, %.0f",
                                last.poolActive(),
                                last.poolIdle(),
                                last.poolPending(),
                                last.poolTotal(),
                                samples.stream()
                                        .mapToDouble(Sample::poolTotal)
                                        .max()
                                        .orElse(0)));
            }
        }
    }

    private void read(Service service, int reader, AtomicBoolean stop, Collection<Read> reads) {
        String[] paths = {
            "/api/sources?limit=50",
            "/api/events/soak-c" + reader + "-event/history",
            "/api/ledger?aggregateId=soak-c" + reader + "-event&limit=50"
        };
        for (int i = 0; !stop.get(); i++) {
            Http.Answer answer = http.get(service, paths[i % paths.length], Service.READER);
            reads.add(new Read(System.nanoTime(), answer.status(), answer.nanos()));
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void consume(
            String bootstrapServers, String topic, AtomicBoolean stop, Set<String> consumed, AtomicLong records) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "parley-soak");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            while (!stop.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Header id = record.headers().lastHeader("ce_id");
                    if (id != null) {
                        consumed.add(new String(id.value(), StandardCharsets.UTF_8));
                    }
                    records.incrementAndGet();
                }
            }
        }
    }

    private String rebuild(Service service) throws InterruptedException {
        long start = System.nanoTime();
        Http.Answer started = http.post(service, "/api/rebuilds", Map.of(), null);
        if (!started.ok()) {
            return "refused: " + started.status() + " " + started.body();
        }
        while (System.nanoTime() - start < TimeUnit.MINUTES.toNanos(10)) {
            Thread.sleep(500);
            Http.Answer current = http.get(service, "/api/rebuilds/current", Service.USER);
            if (current.ok()
                    && current.body() != null
                    && current.body().path("state").asText().equals("CURRENT")) {
                return String.format(
                        Locale.ROOT,
                        "CURRENT again after %.1f s (%s events)",
                        (System.nanoTime() - start) / 1e9,
                        current.body().path("eventsDone").asText("?"));
            }
        }
        return "not CURRENT after 10 min";
    }

    private Sample sample(Service service, long start) throws IOException, InterruptedException {
        Process gc = new ProcessBuilder("jcmd", Long.toString(service.pid()), "GC.run")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        gc.waitFor(60, TimeUnit.SECONDS);
        return new Sample(
                (System.nanoTime() - start) / 60e9,
                metric(service, "jvm.memory.used?tag=area:heap") / (1024 * 1024),
                metric(service, "jvm.threads.live"),
                metric(service, "hikaricp.connections.active"),
                metric(service, "hikaricp.connections.idle"),
                metric(service, "hikaricp.connections.pending"),
                metric(service, "hikaricp.connections"));
    }

    private double metric(Service service, String name) {
        Http.Answer answer = http.get(service, "/actuator/metrics/" + name, Service.USER);
        if (!answer.ok() || answer.body() == null) {
            return -1;
        }
        for (JsonNode measurement : answer.body().path("measurements")) {
            if (measurement.path("statistic").asText().equals("VALUE")) {
                return measurement.path("value").asDouble();
            }
        }
        return -1;
    }

    private static void print(Sample sample, Writers writers, Collection<Read> reads, long consumed) {
        FaultSuite.OUT.printf(
                Locale.ROOT,
                "soak %5.1f min: heap after GC %.0f MB, threads %.0f, pool active/idle/pending/total %.0f/%.0f/%.0f/%.0f;"
                        + " %,d writes, %,d reads, %,d consumed%n",
                sample.minute(),
                sample.heapAfterGcMb(),
                sample.threads(),
                sample.poolActive(),
                sample.poolIdle(),
                sample.poolPending(),
                sample.poolTotal(),
                writers.acknowledged().size(),
                reads.size(),
                consumed);
    }

    private static void row(String what, String figure) {
        FaultSuite.OUT.printf("| %s | %s |%n", what, figure);
    }

    private static String percentiles(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "—";
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format(
                Locale.ROOT,
                "%.1f / %.1f / %.0f ms",
                sorted[sorted.length / 2] / 1e6,
                sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }
}
