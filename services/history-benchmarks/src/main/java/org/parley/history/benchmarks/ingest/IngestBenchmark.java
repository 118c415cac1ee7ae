package org.parley.history.benchmarks.ingest;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.parley.history.benchmarks.read.ServiceProcess;
import org.postgresql.PGConnection;

/**
 * Issue 13's measurement, in one run on one PostgreSQL (embedded, fsync on, as the embedded default) and one broker:
 * for each size, a bulk import through the API (streamed NDJSON both ways), the time until a consumer of the ledger
 * topic has every event, the service's heap while it ran, and, of the very rows the import wrote, the two ceilings:
 * {@code COPY} into a copy of the event table with all its indexes, and a plain Kafka producer with the service's
 * settings sending as many records of the same keys and sizes. The service runs under JFR; where its CPU samples
 * fall is printed at the end.
 *
 * <p>Arguments: the service's jar, a work directory, then the sizes (lines of accounts), e.g. {@code 10000 1000000}.
 */
public final class IngestBenchmark {

    private static final String TOPIC = "parley.ledger.v1";

    /**
     * What an analyst reads while the import runs: the history of the import's first diplomatic event (404 until the
     * read model has it), whose size is bounded by the accounts per event. Not the timeline of everything nor the
     * import's source: their cost grows with the import (every account cites the one source), and polled like this
     * they took more of the two cores than the import itself (the source: p50 2.8 s and 5 times the import's CPU
     * samples at 100,000 accounts).
     */
    private static final String READ_PATH = "/api/events/%s-e0/history";

    /**
     * Accounts per diplomatic event, 100 as in the older bulk import benchmark. The read model judges every account of
     * an event against every other one each time the event changes, so more per event makes its catch-up (which shares
     * the two cores with the import) grow with the square.
     */
    private static final int ACCOUNTS_PER_EVENT = Integer.getInteger("parley.bench.accounts-per-event", 100);

    private IngestBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path work = ServiceProcess.dataDir(Path.of(args[1]).toAbsolutePath());
        List<Integer> sizes = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            sizes.add(Integer.parseInt(args[i]));
        }
        Path recording = work.resolve("service.jfr");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("postgres"))
                .setCleanDataDirectory(true)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start()) {
            String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
            List<String> javaOptions =
                    new ArrayList<>(List.of(System.getProperty("parley.bench.service-java-opts", "-Xms512m -Xmx2g")
                            .trim()
                            .split("\\s+")));
            javaOptions.add("-XX:StartFlightRecording=filename=" + recording + ",settings=profile,dumponexit=true");
            HttpClient http = HttpClient.newHttpClient();
            try (ServiceProcess service = ServiceProcess.start(
                    jar, jdbcUrl, "postgres", "postgres", javaOptions, work.resolve("service.log"), work)) {
                System.out.printf("service up in %.1f s%n", service.awaitUp(http, Duration.ofMinutes(3)));
                for (int size : sizes) {
                    measure(size, service, jdbcUrl, http, work.resolve("postgres"));
                }
            }
        }
        printProfile(recording);
    }

    private static void measure(
            int accounts, ServiceProcess service, String jdbcUrl, HttpClient http, Path postgresData) throws Exception {
        String run = "b" + accounts + "-" + Long.toString(System.currentTimeMillis(), 36);
        int events = Math.max(1, accounts / ACCOUNTS_PER_EVENT);
        long lines = 1L + events + accounts;
        ReadWatch reads = new ReadWatch(http, service.baseUrl() + READ_PATH.formatted(run));
        TopicWatch topic = new TopicWatch(service.bootstrapServers(), run, lines);
        topic.start();
        reads.start();
        String loadBefore = loadAverage();
        RunQueue runQueue = new RunQueue(service.pid(), postgresData);
        runQueue.start();
        Instant from = Instant.now();
        long started = System.nanoTime();
        Map<String, Long> report = importLines(service, new Workload(run, events, accounts));
        double importSeconds = (System.nanoTime() - started) / 1e9;
        String loadAfterImport = loadAverage();
        String importRunQueue = runQueue.summary();
        double topicSeconds = topic.awaitAll(Duration.ofMinutes(30)) - started / 1e9;
        PROFILED.add(new Instant[] {from, Instant.now()});
        String loadAfterTopic = loadAverage();
        reads.stopWatching();
        double copyPerSecond = copyCeiling(jdbcUrl, run);
        String loadAfterCopy = loadAverage();
        double producerPerSecond = producerCeiling(service.bootstrapServers(), topic, lines);
        String loadAfterProducer = loadAverage();
        double importRate = lines / importSeconds;
        double topicRate = lines / topicSeconds;
        System.out.printf(
                Locale.ROOT,
                "%n== %,d lines (1 source, %,d events, %,d accounts): report %s%n"
                        + "import: %.1f s, %,.0f lines/s; COPY of the same rows: %,.0f rows/s; share %.1f%%%n"
                        + "import start -> consumer has all %,d: %.1f s, %,.0f events/s; producer ceiling %,.0f"
                        + " records/s; share of min(COPY, producer) %.1f%%%n"
                        + "service RSS peak so far %,d MB (its heap, from JFR: see the summary at the end)%n"
                        + "reads meanwhile (GET " + READ_PATH.formatted("<run>")
                        + ", once a second): %d answers, p50 %.1f ms, max %.1f ms, errors %d%n"
                        + "load average (1, 5, 15 min): before %s; after the import %s; topic complete %s;"
                        + " after COPY %s; after the producer %s%n",
                lines,
                events,
                accounts,
                report,
                importSeconds,
                importRate,
                copyPerSecond,
                100 * importRate / copyPerSecond,
                lines,
                topicSeconds,
                topicRate,
                producerPerSecond,
                100 * topicRate / Math.min(copyPerSecond, producerPerSecond),
                peakRssBytes(service.pid()) / (1 << 20),
                reads.count(),
                reads.percentile(0.5),
                reads.percentile(1.0),
                reads.errors,
                loadBefore,
                loadAfterImport,
                loadAfterTopic,
                loadAfterCopy,
                loadAfterProducer);
        System.out.print("during the import, " + importRunQueue);
        System.out.print(liveHeap(service.pid()));
    }

    /** What the service still holds once the import is on the topic: a full GC's class histogram, its top lines. */
    private static String liveHeap(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process histogram = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                .redirectErrorStream(true)
                .start();
        List<String> lines = new String(histogram.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines()
                .toList();
        histogram.waitFor();
        StringBuilder out = new StringBuilder("live heap after the import (full GC), largest classes:\n");
        lines.stream()
                .filter(line -> line.matches("\\s*[0-9]+:\\s+[0-9].*"))
                .limit(12)
                .forEach(line -> out.append("  ").append(line.trim()).append('\n'));
        lines.stream()
                .filter(line -> line.startsWith("Total"))
                .forEach(line -> out.append("  ").append(line.trim()).append('\n'));
        return out.toString();
    }

    /** The windows, from an import's start until the topic had all of it, that the JFR summary counts. */
    private static final List<Instant[]> PROFILED = new ArrayList<>();

    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    /** 1 source, {@code events} diplomatic events, and accounts spread over them in turn. */
    private record Workload(String run, int events, int accounts) {
        String line(long n) {
            String source = run + "-source";
            if (n == 0) {
                return "{\"type\":\"RegisterSource\",\"sourceId\":\"" + source + "\",\"title\":\"Benchmark source\","
                        + "\"kind\":\"ARTICLE\",\"publication\":{\"time\":{\"value\":\"2024-04-16\"}}}";
            }
            if (n <= events) {
                return "{\"type\":\"ReportDiplomaticEvent\",\"eventId\":\"" + run + "-e" + (n - 1)
                        + "\",\"kind\":\"TALKS_ROUND\",\"title\":\"Round " + n + "\",\"citation\":{\"sourceId\":\""
                        + source + "\",\"locator\":\"¶1\"}}";
            }
            long i = n - events - 1;
            return "{\"type\":\"RecordAccount\",\"eventId\":\"" + run + "-e" + (i % events) + "\",\"accountId\":\""
                    + run + "-a" + i + "\",\"citation\":{\"sourceId\":\"" + source + "\",\"locator\":\"¶" + (i % 40)
                    + "\"},\"claims\":{\"occurred\":{\"from\":{\"value\":\"2022-03-29\"},\"to\":{\"value\":"
                    + "\"2022-03-30\"}},\"place\":\"Istanbul\",\"participants\":[\"Ukraine\",\"Russia\","
                    + "\"Türkiye\"],\"summary\":\"The delegations met and exchanged written proposals on"
                    + " neutrality and security guarantees.\"}}";
        }

        long lines() {
            return 1L + events + accounts;
        }
    }

    /**
     * Sends the lines as one chunked request with {@code Accept: application/x-ndjson} from one thread while reading
     * the streamed report in this one, as any client of a large import must.
     */
    private static Map<String, Long> importLines(ServiceProcess service, Workload workload) throws Exception {
        URI base = URI.create(service.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            Thread writer = new Thread(() -> {
                try {
                    out.write(("POST /api/import HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-ndjson\r\n"
                                    + "Accept: application/x-ndjson\r\nAuthorization: "
                                    + ServiceProcess.basic(ServiceProcess.EDITOR)
                                    + "\r\nTransfer-Encoding: chunked\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    ByteArrayOutputStream chunk = new ByteArrayOutputStream(1 << 16);
                    for (long n = 0; n < workload.lines(); n++) {
                        chunk.writeBytes(workload.line(n).getBytes(StandardCharsets.UTF_8));
                        chunk.write('\n');
                        if (chunk.size() > 60_000 || n == workload.lines() - 1) {
                            out.write((Integer.toHexString(chunk.size()) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                            chunk.writeTo(out);
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                            chunk.reset();
                        }
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    throw new IllegalStateException("sending the import failed", e);
                }
            });
            writer.start();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            String status = rawLine(in);
            if (!status.contains(" 200 ")) {
                throw new IllegalStateException("the import answered " + status);
            }
            while (!rawLine(in).isEmpty()) {
                // headers
            }
            Map<String, Long> counts = new HashMap<>();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            String last = null;
            for (int size = Integer.parseInt(rawLine(in).trim(), 16); size > 0; ) {
                for (int i = 0; i < size; i++) {
                    int b = in.read();
                    if (b == '\n') {
                        last = line.toString(StandardCharsets.UTF_8);
                        line.reset();
                        String kind = last.contains("\"ACCEPTED\"")
                                ? "accepted"
                                : last.contains("\"REPLAYED\"")
                                        ? "replayed"
                                        : last.contains("\"REJECTED\"") ? "rejected" : "summary";
                        counts.merge(kind, 1L, Long::sum);
                    } else {
                        line.write(b);
                    }
                }
                rawLine(in);
                size = Integer.parseInt(rawLine(in).trim(), 16);
            }
            writer.join();
            System.out.println("summary line: " + last);
            return counts;
        }
    }

    private static String rawLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the response ended");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    /** The rows the import wrote, copied out, then timed as they are copied into a copy of the event table. */
    private static double copyCeiling(String jdbcUrl, String run) throws Exception {
        Path rows = Files.createTempFile("ingest-copy", ".bin");
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            PGConnection pg = connection.unwrap(PGConnection.class);
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS bench_event_copy");
                statement.execute("CREATE TABLE bench_event_copy (LIKE domain_event_entry INCLUDING ALL)");
            }
            long count;
            try (OutputStream out = Files.newOutputStream(rows)) {
                count = pg.getCopyAPI()
                        .copyOut(
                                "COPY (SELECT * FROM domain_event_entry WHERE aggregate_identifier LIKE '" + run
                                        + "-%' ORDER BY global_index) TO STDOUT (FORMAT binary)",
                                out);
            }
            long started = System.nanoTime();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(rows), 1 << 16)) {
                pg.getCopyAPI().copyIn("COPY bench_event_copy FROM STDIN (FORMAT binary)", in);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE bench_event_copy");
            }
            System.out.printf(Locale.ROOT, "COPY: %,d rows in %.2f s%n", count, seconds);
            return count / seconds;
        } finally {
            Files.deleteIfExists(rows);
        }
    }

    /** As many records as the import published, of the same keys and mean size, with the service's settings. */
    private static double producerCeiling(String bootstrap, TopicWatch topic, long records) throws Exception {
        String ceilingTopic = "bench.producer.ceiling." + System.currentTimeMillis();
        Properties admin = new Properties();
        admin.put("bootstrap.servers", bootstrap);
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic(ceilingTopic, 6, (short) 1)))
                    .all()
                    .get();
        }
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        byte[] value = new byte[(int) (topic.bytes.get() / Math.max(1, topic.seen.get()))];
        List<String> keys = topic.keys();
        List<Header> headers = topic.sampleHeaders == null ? List.of() : List.of(topic.sampleHeaders);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings)) {
            producer.partitionsFor(ceilingTopic);
            long started = System.nanoTime();
            List<Future<RecordMetadata>> answers = new ArrayList<>();
            for (long i = 0; i < records; i++) {
                answers.add(producer.send(new ProducerRecord<>(
                        ceilingTopic, (Integer) null, keys.get((int) (i % keys.size())), value, headers)));
                if (answers.size() == 10_000) {
                    for (Future<RecordMetadata> answer : answers) {
                        answer.get();
                    }
                    answers.clear();
                }
            }
            for (Future<RecordMetadata> answer : answers) {
                answer.get();
            }
            return records / ((System.nanoTime() - started) / 1e9);
        }
    }

    /** A consumer of the ledger topic from its start, counting this run's records. */
    private static final class TopicWatch extends Thread {
        private final String bootstrap;
        private final String run;
        private final long expected;
        private final AtomicLong seen = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();
        private final Map<String, Boolean> keys = new java.util.concurrent.ConcurrentHashMap<>();
        private volatile double doneAt;
        // one record's CloudEvent headers, so the producer ceiling sends records as large as the service's
        private volatile Header[] sampleHeaders;
        private volatile boolean stop;

        TopicWatch(String bootstrap, String run, long expected) {
            this.bootstrap = bootstrap;
            this.run = run;
            this.expected = expected;
            setDaemon(true);
        }

        @Override
        public void run() {
            Properties settings = new Properties();
            settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            settings.put(ConsumerConfig.GROUP_ID_CONFIG, "ingest-bench-" + run);
            settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings)) {
                consumer.subscribe(List.of(TOPIC));
                while (!stop && seen.get() < expected) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        if (record.key() != null && record.key().startsWith(run)) {
                            seen.incrementAndGet();
                            bytes.addAndGet(record.value().length);
                            keys.putIfAbsent(record.key(), true);
                            if (sampleHeaders == null) {
                                sampleHeaders = record.headers().toArray();
                            }
                        }
                    }
                }
                doneAt = System.nanoTime() / 1e9;
            }
        }

        double awaitAll(Duration timeout) throws InterruptedException {
            join(timeout.toMillis());
            stop = true;
            join();
            if (seen.get() < expected) {
                throw new IllegalStateException("the topic has " + seen.get() + " of " + expected + " records");
            }
            return doneAt;
        }

        List<String> keys() {
            return new ArrayList<>(keys.keySet());
        }
    }

    /** The service's peak resident set so far (the kernel's high-water mark). */
    private static long peakRssBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    /** A read every second while the import runs: is the service still answering? */
    private static final class ReadWatch extends Thread {
        private final HttpClient http;
        private final String url;
        private final List<Double> millis = java.util.Collections.synchronizedList(new ArrayList<>());
        private volatile boolean stop;
        private int errors;

        ReadWatch(HttpClient http, String url) {
            this.http = http;
            this.url = url;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!stop) {
                long started = System.nanoTime();
                try {
                    HttpResponse<String> response = http.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .header("Authorization", ServiceProcess.basic(ServiceProcess.ANALYST))
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200 && response.statusCode() != 404) {
                        errors++;
                    }
                    millis.add((System.nanoTime() - started) / 1e6);
                    Thread.sleep(1000);
                } catch (IOException e) {
                    errors++;
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stopWatching() throws InterruptedException {
            stop = true;
            join();
        }

        int count() {
            return millis.size();
        }

        double percentile(double p) {
            List<Double> sorted = new ArrayList<>(millis);
            sorted.sort(Double::compare);
            return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, p * sorted.size()));
        }
    }

    /** Where the service's CPU samples fell: by the library of the top frame, and by what the stack passes through. */
    private static void printProfile(Path recording) throws IOException {
        if (!Files.exists(recording)) {
            System.out.println("no JFR recording at " + recording);
            return;
        }
        Map<String, Long> top = new HashMap<>();
        Map<String, Long> through = new HashMap<>();
        Map<String, Long> topMethods = new HashMap<>();
        long[] heapBefore = new long[PROFILED.size()];
        long[] heapAfter = new long[PROFILED.size()];
        Map<String, Long> threads = new HashMap<>();
        long samples = 0;
        String[][] markers = {
            {"org.postgresql.", "PostgreSQL driver (JDBC)"},
            {"com.fasterxml.jackson.", "Jackson"},
            {"org.axonframework.", "Axon"},
            {"org.apache.kafka.", "Kafka client"},
            {"org.hibernate.validator.", "Hibernate Validator"},
            {"org.apache.catalina.", "Tomcat"},
            {"org.parley.", "Parley"},
            {"org.springframework.", "Spring"},
            {"java.", "JDK"},
            {"jdk.", "JDK"},
            {"sun.", "JDK"}
        };
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (event.getEventType().getName().equals("jdk.GCHeapSummary")) {
                int window = window(event.getStartTime());
                if (window >= 0) {
                    long[] peaks = "After GC".equals(event.getString("when")) ? heapAfter : heapBefore;
                    peaks[window] = Math.max(peaks[window], event.getLong("heapUsed"));
                }
                continue;
            }
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")
                    || event.getStackTrace() == null
                    || !profiled(event.getStartTime())) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            top.merge(library(frames.get(0).getMethod().getType().getName(), markers), 1L, Long::sum);
            topMethods.merge(
                    frames.get(0).getMethod().getType().getName() + "."
                            + frames.get(0).getMethod().getName(),
                    1L,
                    Long::sum);
            threads.merge(threadGroup(event), 1L, Long::sum);
            java.util.Set<String> passed = new java.util.HashSet<>();
            for (RecordedFrame frame : frames) {
                String type = frame.getMethod().getType().getName();
                String method = frame.getMethod().getName();
                if (type.contains("KafkaProducer") || type.contains("kafka.clients.producer")) {
                    passed.add("sending to Kafka");
                } else if (type.contains("LedgerPublisher")) {
                    passed.add("ledger publisher (all of it)");
                } else if (type.contains("BulkImportController")) {
                    passed.add("bulk import request (all of it)");
                } else if (type.contains("readmodel")) {
                    passed.add("read model projection");
                } else if (type.contains("JdbcEventStorageEngine") && method.startsWith("appendEvents")) {
                    passed.add("appending events (Axon JDBC)");
                } else if (type.contains("Validator") && type.startsWith("org.hibernate")) {
                    passed.add("command validation");
                } else if (type.contains("JacksonSerializer")) {
                    passed.add("Axon serialization");
                } else if (type.startsWith("org.postgresql")) {
                    passed.add("JDBC driver");
                }
            }
            passed.forEach(name -> through.merge(name, 1L, Long::sum));
        }
        System.out.printf(
                "%nJFR CPU samples of the service from each import's start until the topic had it all: %,d%n"
                        + " top frame by library:%n",
                samples);
        long all = Math.max(1, samples);
        for (int i = 0; i < PROFILED.size(); i++) {
            System.out.printf(
                    " heap of import %d: peak used before a GC %,d MB, peak still used right after one %,d MB%n",
                    i + 1, heapBefore[i] >> 20, heapAfter[i] >> 20);
        }
        top.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e ->
                        System.out.printf(Locale.ROOT, "  %-28s %5.1f%%%n", e.getKey(), 100.0 * e.getValue() / all));
        System.out.println(" top frames (method):");
        topMethods.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(20)
                .forEach(
                        e -> System.out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * e.getValue() / all, e.getKey()));
        System.out.println(" by thread (digits dropped from the name):");
        threads.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(10)
                .forEach(e ->
                        System.out.printf(Locale.ROOT, "  %-40s %5.1f%%%n", e.getKey(), 100.0 * e.getValue() / all));
        System.out.println(" samples whose stack passes through:");
        through.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e ->
                        System.out.printf(Locale.ROOT, "  %-32s %5.1f%%%n", e.getKey(), 100.0 * e.getValue() / all));
    }

    private static String threadGroup(RecordedEvent sample) {
        RecordedThread thread = sample.getThread("sampledThread");
        String name = thread == null ? null : thread.getJavaName();
        return name == null ? "?" : name.replaceAll("[0-9]+", "#");
    }

    private static boolean profiled(Instant at) {
        return window(at) >= 0;
    }

    private static int window(Instant at) {
        for (int i = 0; i < PROFILED.size(); i++) {
            if (!at.isBefore(PROFILED.get(i)[0]) && !at.isAfter(PROFILED.get(i)[1])) {
                return i;
            }
        }
        return -1;
    }

    private static String library(String type, String[][] markers) {
        for (String[] marker : markers) {
            if (type.startsWith(marker[0])) {
                return marker[1];
            }
        }
        return "other";
    }
}
