package org.parley.history.benchmarks.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.parley.history.benchmarks.read.LedgerGenerator.Ledger;
import org.parley.history.benchmarks.read.QueryTimer.Stats;

/**
 * The read side's benchmark (issue 4). For each ledger size: generate a ledger shaped like the real one straight
 * into the service's event table ({@link LedgerGenerator}, {@link LedgerLoader}); measure the ceiling, a raw
 * sequential JDBC read of that table ({@link RawReadCeiling}); start the service's jar on it and time the fresh
 * read model's catch-up (a full rebuild) and then an operator's {@code POST /api/rebuilds}; then time each read
 * query over HTTP, p50/p99/max, against the targets. Prints the figures as Markdown.
 *
 * <p>Settings come from system properties {@code parley.bench.*} or the environment {@code PARLEY_BENCH_*}; see
 * infra/bench/run-read-benchmark.sh.
 */
public final class ReadSideBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double PAGE_TARGET_MS = 50;
    private static final double WIDE_TARGET_MS = 200;
    private static final double REBUILD_TARGET = 0.30;
    /** Read model states in which it answers: the service's CURRENT, and the names the sketch used. */
    private static final java.util.Set<String> DONE_STATES = java.util.Set.of("CURRENT", "DONE", "IDLE");

    private final PrintStream out = System.out;
    private final String host = setting("host", "localhost");
    private final String port = setting("port", "5432");
    private final String user = setting("user", "parley");
    private final String password = setting("password", "parley");
    private final String dbPrefix = setting("read-db-prefix", "parley_read_");
    /** always: a fresh ledger and schema each run; auto: reuse a matching ledger (its read model is then not fresh). */
    private final String generate = setting("read-generate", "always");

    private final long seed = Long.parseLong(setting("seed", "20261123"));
    /** The last migration before the read model's: the ledger is written there, the rest applied after. */
    private final String ledgerSchemaVersion = setting("ledger-schema-version", "3");

    private final Path jar =
            Path.of(setting("service-jar", "services/history-service/target/history-service-0.1.0-SNAPSHOT.jar"));
    private final List<String> serviceJavaOptions =
            Arrays.asList(setting("service-java-opts", "-Xms1g -Xmx4g").split("\\s+"));
    /** Extra JDBC URL parameters for the service only, e.g. reWriteBatchedInserts=true. */
    private final String serviceJdbcOptions = setting("service-jdbc-options", "");

    private final Path workDir = Path.of(setting("read-work-dir", "services/history-benchmarks/target/read-bench"));
    private final int warmup = Integer.parseInt(setting("warmup", "50"));
    private final int requests = Integer.parseInt(setting("requests", "500"));
    private final int ceilingRuns = Integer.parseInt(setting("ceiling-runs", "3"));
    private final int fetchSize = Integer.parseInt(setting("fetch-size", "1000"));
    private final int deepPages = Integer.parseInt(setting("deep-pages", "200"));
    private final boolean runService = Boolean.parseBoolean(setting("read-service", "true"));
    private final boolean runRebuild = Boolean.parseBoolean(setting("read-rebuild", "true"));
    private final boolean runQueries = Boolean.parseBoolean(setting("read-queries", "true"));
    private final List<Integer> sizes = Arrays.stream(
                    setting("read-sizes", "100000,1000000").split(","))
            .map(String::trim)
            .map(Integer::parseInt)
            .toList();

    private final Map<Integer, SizeResult> results = new LinkedHashMap<>();

    /** What one ledger size gave. */
    private static final class SizeResult {
        String ledger = "";
        String generation = "";
        final List<RawReadCeiling.Result> raw = new ArrayList<>();
        final List<RawReadCeiling.Result> rawBinary = new ArrayList<>();
        final List<RawReadCeiling.Result> rawDeserialized = new ArrayList<>();
        Double catchUpRate;
        String catchUpNote = "";
        Double rebuildRate;
        String rebuildNote = "";
        ReadModelCopyCeiling.Result copyCeiling;
        Stats probeWithout;
        Probe.Result probeDuring;
        long events;
        final List<Stats> queries = new ArrayList<>();

        double ceiling() {
            return median(raw.stream()
                    .mapToDouble(RawReadCeiling.Result::eventsPerSecond)
                    .toArray());
        }

        double ceilingBinary() {
            return median(rawBinary.stream()
                    .mapToDouble(RawReadCeiling.Result::eventsPerSecond)
                    .toArray());
        }

        double ceilingDeserialized() {
            return median(rawDeserialized.stream()
                    .mapToDouble(RawReadCeiling.Result::eventsPerSecond)
                    .toArray());
        }
    }

    public static void main(String[] args) throws Exception {
        new ReadSideBenchmark().run();
    }

    private void run() throws Exception {
        out.printf(
                "read-side benchmark: sizes %s, seed %d, %d warm-up + %d measured requests per query%n",
                sizes, seed, warmup, requests);
        out.printf(
                "JVM %s, %s; %d cores%n",
                System.getProperty("java.vm.version"),
                ManagementFactory.getRuntimeMXBean().getInputArguments(),
                Runtime.getRuntime().availableProcessors());
        for (int size : sizes) {
            SizeResult result = new SizeResult();
            results.put(size, result);
            runSize(size, result);
        }
        printSummary();
    }

    private String jdbcUrl(int size) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + dbPrefix + label(size);
    }

    static String label(int size) {
        if (size % 1_000_000 == 0) {
            return (size / 1_000_000) + "m";
        }
        if (size % 1_000 == 0) {
            return (size / 1_000) + "k";
        }
        return Integer.toString(size);
    }

    private void runSize(int size, SizeResult result) throws Exception {
        String url = jdbcUrl(size);
        out.printf("%n=== %,d ledger events in %s ===%n", size, url);
        prepareLedger(size, url, result);
        out.println(serverSettings(url));

        RawReadCeiling ceiling = new RawReadCeiling(url, user, password, fetchSize);
        out.println(
                "ceiling: raw sequential JDBC read of domain_event_entry (all columns, fetch size " + fetchSize + ")");
        // Warm the JIT and the page cache: at least two reads of each kind and at least 10 s.
        long warmStarted = System.nanoTime();
        for (int run = 0; run < 2 || System.nanoTime() - warmStarted < 10e9; run++) {
            ceiling.read(run % 2 == 1, false);
        }
        out.printf("  warm-up reads: %.1f s (discarded)%n", (System.nanoTime() - warmStarted) / 1e9);
        for (int run = 0; run < ceilingRuns; run++) {
            RawReadCeiling.Result text = ceiling.read(false, false);
            result.raw.add(text);
            RawReadCeiling.Result binary = ceiling.read(true, false);
            result.rawBinary.add(binary);
            out.printf(
                    "  raw read %d: %,d events, %,.0f MB payload+metadata; text protocol %.2f s = %,.0f events/s;"
                            + " binary %.2f s = %,.0f events/s%n",
                    run + 1,
                    text.events(),
                    text.bytes() / 1e6,
                    text.seconds(),
                    text.eventsPerSecond(),
                    binary.seconds(),
                    binary.eventsPerSecond());
        }
        for (int run = 0; run < ceilingRuns; run++) {
            RawReadCeiling.Result des = ceiling.read(true, true);
            result.rawDeserialized.add(des);
            out.printf(
                    "  raw read (binary) + Jackson deserialization %d: %.2f s, %,.0f events/s%n",
                    run + 1, des.seconds(), des.eventsPerSecond());
        }
        if (!runService) {
            return;
        }
        runService(size, url, result);
    }

    private void prepareLedger(int size, String url, SizeResult result) {
        String marker = "parley read benchmark ledger: " + size + " events, seed " + seed + ", generator v1";
        boolean present = marker.equals(tableComment(url));
        if (generate.equals("never") || (generate.equals("auto") && present)) {
            if (!present) {
                throw new IllegalStateException(url + " holds no generated ledger of " + size + " events");
            }
            out.println("ledger: already generated (" + marker + "); PARLEY_BENCH_READ_GENERATE=always redoes it");
            result.generation = "reused";
            result.ledger = ledgerCounts(url);
            out.println("  " + result.ledger);
            return;
        }
        long started = System.nanoTime();
        Ledger ledger = new LedgerGenerator(seed).generate(size);
        double planned = (System.nanoTime() - started) / 1e9;
        LedgerLoader loader = new LedgerLoader(url, user, password);
        loader.recreateSchema(ledgerSchemaVersion);
        long loadStarted = System.nanoTime();
        long rows = loader.load(ledger.events(), seed);
        double loaded = (System.nanoTime() - loadStarted) / 1e9;
        int later = loader.migrateRest();
        out.printf(
                "schema: ledger written at migration V%s, then %d later migration(s) applied%n",
                ledgerSchemaVersion, later);
        setTableComment(url, marker);
        result.generation =
                String.format("planned in %.1f s, written (COPY, indexes, VACUUM ANALYZE) in %.1f s", planned, loaded);
        result.ledger = String.format(
                "%,d sources, %,d events, %,d accounts, %,d corrections, %,d retractions, %,d links, %d narratives;"
                        + " bench-a %,d events, bench-b %,d, shared %,d",
                ledger.sources(),
                ledger.diplomaticEvents(),
                ledger.accounts(),
                ledger.corrections(),
                ledger.retractions(),
                ledger.links(),
                ledger.narratives(),
                ledger.benchAEvents(),
                ledger.benchBEvents(),
                ledger.benchSharedEvents());
        out.printf(
                "ledger: %,d rows; %s%n  %s%n  %s%n",
                rows, result.generation, result.ledger, LedgerGenerator.countsByType(ledger.events()));
    }

    private void runService(int size, String url, SizeResult result) throws Exception {
        Files.createDirectories(workDir);
        Path log = workDir.resolve("service-" + label(size) + ".log");
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        String serviceUrl = serviceJdbcOptions.isBlank() ? url : url + "?" + serviceJdbcOptions;
        try (ServiceProcess service = ServiceProcess.start(
                jar,
                serviceUrl,
                user,
                password,
                serviceJavaOptions,
                log,
                ServiceProcess.dataDir(workDir.resolve("data")))) {
            out.printf("service: pid %d on %s, log %s%n", service.pid(), service.baseUrl(), log);
            QueryTimer analyst = new QueryTimer(http, service.baseUrl(), ServiceProcess.basic(ServiceProcess.ANALYST));
            QueryTimer operator =
                    new QueryTimer(http, service.baseUrl(), ServiceProcess.basic(ServiceProcess.OPERATOR));
            ReadModelProgress progress = new ReadModelProgress(url, user, password, operator);
            long last = progress.lastGlobalIndex();

            // The fresh read model's catch-up is a full rebuild; follow it from the first token on.
            CatchUp catchUp = followCatchUp(service, http, progress, last);
            result.catchUpRate = catchUp.rate;
            result.catchUpNote = catchUp.note;
            out.printf("catch-up: %s; load %s%n", catchUp.note, loadAverage());

            if (runRebuild) {
                result.events = last;
                List<String> probes = probePaths(url);
                result.probeWithout = analyst.time("questions without a rebuild", "—", probes, warmup, requests);
                out.printf(
                        Locale.ROOT,
                        "questions without a rebuild: p50 %.2f  p99 %.2f ms, %d/%d errors%n",
                        result.probeWithout.p50Millis(),
                        result.probeWithout.p99Millis(),
                        result.probeWithout.errors(),
                        result.probeWithout.requests());
                double serviceCpu = CpuTime.ofProcess(service.pid());
                double postgresCpu = CpuTime.ofPostgres();
                long wallStarted = System.nanoTime();
                CatchUp rebuild;
                try (Probe probe = Probe.start(analyst, probes, url, user, password)) {
                    rebuild = rebuild(operator, progress, last);
                    result.probeDuring = probe.stop();
                }
                out.printf(
                        "  during the rebuild: %.1f s wall; CPU: service %.1f s, PostgreSQL %.1f s (2 cores = %.1f"
                                + " CPU-s available)%n",
                        (System.nanoTime() - wallStarted) / 1e9,
                        CpuTime.ofProcess(service.pid()) - serviceCpu,
                        CpuTime.ofPostgres() - postgresCpu,
                        2 * (System.nanoTime() - wallStarted) / 1e9);
                result.rebuildRate = rebuild.rate;
                result.rebuildNote = rebuild.note;
                out.printf("rebuild: %s; load %s%n", rebuild.note, loadAverage());
                out.printf("questions during the rebuild: %s%n", result.probeDuring);
                result.copyCeiling = new ReadModelCopyCeiling(url, user, password).copy();
                out.printf(
                        Locale.ROOT,
                        "ceiling, write half: COPY of the read model's %,d rows (%,d bytes) into tables without"
                                + " indexes: %.2f s = %,.0f ledger events/s%n",
                        result.copyCeiling.rows(),
                        result.copyCeiling.bytes(),
                        result.copyCeiling.seconds(),
                        last / result.copyCeiling.seconds());
            }

            if (runQueries) {
                runQueries(url, analyst, result);
            }
        }
    }

    private record CatchUp(Double rate, String note) {}

    private CatchUp followCatchUp(ServiceProcess service, HttpClient http, ReadModelProgress progress, long last)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(60).toNanos();
        ReadModelProgress.Snapshot first = null;
        boolean up = false;
        double upAfter = 0;
        long lastPrint = 0;
        while (System.nanoTime() < deadline) {
            if (!up) {
                try {
                    upAfter = service.awaitUp(http, Duration.ofMillis(1));
                    up = true;
                    out.printf("  service up after %.1f s%n", upAfter);
                } catch (IllegalStateException notYet) {
                    if (notYet.getMessage().contains("exited")) {
                        throw notYet;
                    }
                }
            }
            ReadModelProgress.Snapshot now = progress.look(up);
            if (first == null && !now.positions().isEmpty()) {
                first = now;
            }
            if (System.nanoTime() - lastPrint > 5e9) {
                out.printf("  %.0f s: %s%n", (now.nanos() - service.startedNanos()) / 1e9, now);
                lastPrint = System.nanoTime();
            }
            boolean tokensDone = !now.positions().isEmpty() && now.slowest() >= last;
            String state = now.state();
            boolean statusDone = state != null && DONE_STATES.contains(state);
            if (up && tokensDone && (state == null || statusDone) && first.slowest() >= last) {
                return new CatchUp(null, "the read model was already current (a reused ledger): no catch-up to time");
            }
            if (up && tokensDone && (state == null || statusDone)) {
                double seconds = (now.nanos() - first.nanos()) / 1e9;
                long from = Math.max(0, first.slowest());
                double rate = (last - from) / seconds;
                String note = String.format(
                        "%,d events in %.1f s from the first token seen (%.1f s after start) = %,.0f events/s;"
                                + " service up after %.1f s; status %s",
                        last - from,
                        seconds,
                        (first.nanos() - service.startedNanos()) / 1e9,
                        rate,
                        upAfter,
                        now.status());
                return new CatchUp(rate, note);
            }
            if (up
                    && now.positions().isEmpty()
                    && now.status() == null
                    && (System.nanoTime() - service.startedNanos()) / 1e9 > upAfter + 30) {
                return new CatchUp(
                        null,
                        "no read model found: no tracking token in token_entry and no GET /api/rebuilds/current"
                                + " 30 s after the service came up");
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the read model did not catch up within an hour; see " + service.log());
    }

    private CatchUp rebuild(QueryTimer operator, ReadModelProgress progress, long last) throws Exception {
        HttpResponse<byte[]> started = operatorPost(operator, "/api/rebuilds");
        long t0 = System.nanoTime();
        if (started.statusCode() != 202 && started.statusCode() != 200) {
            String note = "POST /api/rebuilds answered " + started.statusCode() + ": "
                    + new String(started.body(), StandardCharsets.UTF_8);
            return new CatchUp(null, note);
        }
        boolean seenRunning = false;
        long lastPrint = 0;
        long deadline = t0 + Duration.ofMinutes(60).toNanos();
        while (System.nanoTime() < deadline) {
            ReadModelProgress.Snapshot now = progress.look(true);
            String state = now.state();
            if (state != null && !DONE_STATES.contains(state)) {
                seenRunning = true;
            }
            if (System.nanoTime() - lastPrint > 5e9) {
                out.printf("  %.0f s: %s%n", (now.nanos() - t0) / 1e9, now);
                lastPrint = System.nanoTime();
            }
            boolean tokensDone = now.positions().isEmpty() || now.slowest() >= last;
            if (state != null && DONE_STATES.contains(state) && (seenRunning || state.equals("DONE"))) {
                if (tokensDone) {
                    double seconds = (now.nanos() - t0) / 1e9;
                    double rate = last / seconds;
                    JsonNode status = now.status();
                    return new CatchUp(
                            rate,
                            String.format(
                                    "%,d events in %.1f s from POST to DONE = %,.0f events/s; service's own figure"
                                            + " %s events/s; status %s",
                                    last,
                                    seconds,
                                    rate,
                                    status.hasNonNull("eventsPerSecond")
                                            ? status.get("eventsPerSecond").asText()
                                            : "?",
                                    status));
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the rebuild did not finish within an hour");
    }

    private HttpResponse<byte[]> operatorPost(QueryTimer operator, String path) throws Exception {
        return operator.post(path, "{}");
    }

    /** The questions asked while a rebuild runs, and before it for comparison: pages, histories and sources. */
    private List<String> probePaths(String url) throws SQLException {
        Random random = new Random(seed + 1);
        List<String> eventIds = eventIds(url, 100);
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String day = LocalDate.of(2005, 1, 1).plusDays(random.nextInt(7300)).toString();
            paths.add("/api/narratives/all-sources/timeline?limit=100&asOf=" + day);
            paths.add("/api/narratives/bench-a/timeline?limit=100&asOf=" + day);
            if (!eventIds.isEmpty()) {
                paths.add("/api/events/" + eventIds.get(i % eventIds.size()) + "/history?asOf=" + day);
            }
        }
        return paths;
    }

    /** A sample of diplomatic events, the same for every run of a ledger. */
    private List<String> eventIds(String url, int limit) throws SQLException {
        return sample(
                url,
                "SELECT aggregate_identifier FROM domain_event_entry WHERE type = 'DiplomaticEvent' AND sequence_number"
                        + " = 0 ORDER BY md5(aggregate_identifier) LIMIT " + limit);
    }

    private void runQueries(String url, QueryTimer analyst, SizeResult result) throws Exception {
        Random random = new Random(seed);
        List<String> eventIds = eventIds(url, 1000);
        List<String> sourceIds = sample(
                url,
                "SELECT aggregate_identifier FROM domain_event_entry WHERE type = 'Source'"
                        + " ORDER BY md5(aggregate_identifier) LIMIT 500");
        List<String> asOfDays = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            asOfDays.add(LocalDate.of(2005, 1, 1).plusDays(random.nextInt(7300)).toString());
        }

        String allFirst = "/api/narratives/all-sources/timeline?limit=100";
        String benchFirst = "/api/narratives/bench-a/timeline?limit=100";
        List<String> allDeep = deepPages(analyst, allFirst, deepPages);
        List<String> benchDeep = deepPages(analyst, benchFirst, deepPages);

        List<String> allAsOf =
                asOfDays.stream().map(d -> allFirst + "&asOf=" + d).toList();
        List<String> histories =
                eventIds.stream().map(e -> "/api/events/" + e + "/history").toList();
        List<String> historiesAsOf = new ArrayList<>();
        for (int i = 0; i < eventIds.size(); i++) {
            historiesAsOf.add("/api/events/" + eventIds.get(i) + "/history?asOf=" + asOfDays.get(i % asOfDays.size()));
        }
        List<String> compareAsOf = new ArrayList<>();
        List<String> evolutionYear = new ArrayList<>();
        List<String> evolutionMonthly = new ArrayList<>();
        for (int year = 2017; year <= 2024; year++) {
            compareAsOf.add("/api/narratives/bench-a/comparison?with=bench-b&asOf=" + year + "-12-31");
            String window = "/api/narratives/bench-a/evolution?from=" + year + "-01-01&to=" + (year + 1) + "-01-01";
            evolutionYear.add(window);
            evolutionMonthly.add(window + "&step=MONTH");
        }
        List<String> sourcesAsOf =
                asOfDays.stream().map(d -> "/api/sources?asOf=" + d).toList();
        List<String> sources = sourceIds.stream().map(s -> "/api/sources/" + s).toList();

        String page = "p99 ≤ 50 ms";
        String wide = "p99 ≤ 200 ms";
        measure(analyst, result, "timeline all-sources, first page (now)", page, List.of(allFirst));
        measure(analyst, result, "timeline all-sources, first page, asOf varied", page, allAsOf);
        measure(analyst, result, "timeline all-sources, deep page", page, allDeep);
        measure(analyst, result, "timeline bench-a, first page (now)", page, List.of(benchFirst));
        measure(analyst, result, "timeline bench-a, deep page", page, benchDeep);
        measure(analyst, result, "event history (now)", page, histories);
        measure(analyst, result, "event history, asOf varied", page, historiesAsOf);
        measure(
                analyst,
                result,
                "compare bench-a with bench-b (now)",
                wide,
                List.of("/api/narratives/bench-a/comparison?with=bench-b"));
        measure(analyst, result, "compare bench-a with bench-b, asOf year ends", wide, compareAsOf);
        measure(analyst, result, "evolution bench-a, one year", wide, evolutionYear);
        measure(analyst, result, "evolution bench-a, one year, step=MONTH", wide, evolutionMonthly);
        measure(analyst, result, "sources: provenance graph (now)", "—", List.of("/api/sources"));
        measure(analyst, result, "sources: provenance graph, asOf varied", "—", sourcesAsOf);
        measure(analyst, result, "one source", "—", sources);
    }

    private void measure(QueryTimer timer, SizeResult result, String name, String target, List<String> paths)
            throws IOException, InterruptedException {
        if (paths.isEmpty()) {
            out.printf("  %-50s skipped: no parameters (see above)%n", name);
            return;
        }
        Stats stats = timer.time(name, target, paths, warmup, requests);
        result.queries.add(stats);
        out.printf(
                Locale.ROOT,
                "  %-50s p50 %8.2f  p99 %8.2f  max %8.2f ms  %,9d B  %d/%d errors  load %s%s%n",
                name,
                stats.p50Millis(),
                stats.p99Millis(),
                stats.maxMillis(),
                stats.meanBytes(),
                stats.errors(),
                stats.requests(),
                loadAverage(),
                stats.firstError() == null ? "" : " (first: " + stats.firstError() + ")");
    }

    /** Walks a timeline page by page; returns the pages from the second half of the walk, as page paths. */
    private List<String> deepPages(QueryTimer timer, String first, int pages) throws IOException, InterruptedException {
        List<String> walked = new ArrayList<>();
        String path = first;
        long started = System.nanoTime();
        for (int page = 0; page < pages && path != null; page++) {
            HttpResponse<byte[]> response = timer.get(path);
            if (response.statusCode() != 200) {
                out.printf(
                        "  walking %s: page %d answered %d: %s%n",
                        first, page + 1, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
                break;
            }
            walked.add(path);
            JsonNode body = JSON.readTree(response.body());
            JsonNode next = body.get("nextPage");
            path = next == null || next.isNull()
                    ? null
                    : first + "&after=" + URLEncoder.encode(next.asText(), StandardCharsets.UTF_8);
        }
        out.printf(
                "  walked %d pages of %s in %.1f s%s%n",
                walked.size(), first, (System.nanoTime() - started) / 1e9, path == null ? " (to the end)" : "");
        if (walked.size() < 2) {
            return List.of();
        }
        return walked.subList(Math.max(1, walked.size() / 2), walked.size());
    }

    private List<String> sample(String url, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private String tableComment(String url) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT obj_description(to_regclass('domain_event_entry'), 'pg_class')")) {
            row.next();
            return row.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach " + url + " (create it as docs/BENCHMARKS.md says)", e);
        }
    }

    private void setTableComment(String url, String comment) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("COMMENT ON TABLE domain_event_entry IS '" + comment.replace("'", "''") + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot mark the ledger in " + url, e);
        }
    }

    private String ledgerCounts(String url) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT regexp_replace(payload_type, '.*\\.', ''), count(*)"
                        + " FROM domain_event_entry GROUP BY 1 ORDER BY 2 DESC")) {
            StringBuilder counts = new StringBuilder();
            while (rows.next()) {
                counts.append(counts.isEmpty() ? "" : ", ")
                        .append(String.format("%,d %s", rows.getLong(2), rows.getString(1)));
            }
            return counts.toString();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the ledger in " + url, e);
        }
    }

    private String serverSettings(String url) {
        StringBuilder settings = new StringBuilder("server:");
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            for (String name : List.of(
                    "server_version",
                    "shared_buffers",
                    "work_mem",
                    "effective_cache_size",
                    "fsync",
                    "synchronous_commit")) {
                try (ResultSet row = statement.executeQuery("SHOW " + name)) {
                    row.next();
                    settings.append(' ').append(name).append('=').append(row.getString(1));
                }
            }
            try (ResultSet row =
                    statement.executeQuery("SELECT pg_size_pretty(pg_total_relation_size('domain_event_entry'))")) {
                row.next();
                settings.append("; domain_event_entry ")
                        .append(row.getString(1))
                        .append(" with indexes");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read settings of " + url, e);
        }
        return settings.toString();
    }

    private void printSummary() {
        out.printf("%n## Results (%s)%n%n", Instant.now());
        out.println("| ledger events | ceiling: raw JDBC read, text protocol, events/s | raw JDBC read, binary,"
                + " events/s | raw read + Jackson, events/s | catch-up of a fresh read model, events/s |"
                + " POST /api/rebuilds, events/s | rebuild / ceiling (text; binary), target ≥ 30% |");
        out.println("|---:|---:|---:|---:|---:|---:|---|");
        for (Map.Entry<Integer, SizeResult> entry : results.entrySet()) {
            SizeResult r = entry.getValue();
            double text = r.raw.isEmpty() ? Double.NaN : r.ceiling();
            double binary = r.rawBinary.isEmpty() ? Double.NaN : r.ceilingBinary();
            Double rebuild = r.rebuildRate != null ? r.rebuildRate : r.catchUpRate;
            out.printf(
                    Locale.ROOT,
                    "| %,d | %,.0f | %,.0f | %,.0f | %s | %s | %s |%n",
                    entry.getKey(),
                    text,
                    binary,
                    r.rawDeserialized.isEmpty() ? Double.NaN : r.ceilingDeserialized(),
                    r.catchUpRate == null ? "—" : String.format(Locale.ROOT, "%,.0f", r.catchUpRate),
                    r.rebuildRate == null ? "—" : String.format(Locale.ROOT, "%,.0f", r.rebuildRate),
                    rebuild == null
                            ? "—"
                            : String.format(
                                    Locale.ROOT,
                                    "%.0f%% %s; %.0f%% %s",
                                    100 * rebuild / text,
                                    rebuild / text >= REBUILD_TARGET ? "met" : "**missed**",
                                    100 * rebuild / binary,
                                    rebuild / binary >= REBUILD_TARGET ? "met" : "**missed**"));
        }
        out.println();
        out.println("| ledger events | ceiling, read half: raw read + Jackson, events/s | ceiling, write half: COPY of"
                + " the read model's rows, events/s | rebuild ceiling (the lower) | POST /api/rebuilds, events/s |"
                + " rebuild / ceiling, target ≥ 50% | questions during the rebuild: asked, refused | p99 without /"
                + " during, ms (target ≤ 2×) | new version's disk at its largest while built |");
        out.println("|---:|---:|---:|---:|---:|---|---|---|---:|");
        for (Map.Entry<Integer, SizeResult> entry : results.entrySet()) {
            SizeResult r = entry.getValue();
            if (r.copyCeiling == null || r.rebuildRate == null || r.rawDeserialized.isEmpty()) {
                continue;
            }
            double read = r.ceilingDeserialized();
            double write = r.events / r.copyCeiling.seconds();
            double ceiling = Math.min(read, write);
            double ratio = r.rebuildRate / ceiling;
            double without = r.probeWithout.p99Millis();
            double during = r.probeDuring.p99Millis();
            out.printf(
                    Locale.ROOT,
                    "| %,d | %,.0f | %,.0f | %,.0f | %,.0f | %.0f%% %s | %,d, %d | %.1f / %.1f (%.1f× %s) | %,d MB |%n",
                    entry.getKey(),
                    read,
                    write,
                    ceiling,
                    r.rebuildRate,
                    100 * ratio,
                    ratio >= 0.5 ? "met" : "**missed**",
                    r.probeDuring.asked(),
                    r.probeDuring.refused(),
                    without,
                    during,
                    during / without,
                    during <= 2 * without ? "met" : "**missed**",
                    r.probeDuring.largestShadowBytes() / 1_000_000);
        }
        out.println();
        out.println("| query | target | ledger events | p50 ms | p99 ms | max ms | mean body | errors | verdict |");
        out.println("|---|---|---:|---:|---:|---:|---:|---:|---|");
        for (Map.Entry<Integer, SizeResult> entry : results.entrySet()) {
            for (Stats s : entry.getValue().queries) {
                double limit = s.target().contains("50 ms")
                        ? PAGE_TARGET_MS
                        : s.target().contains("200") ? WIDE_TARGET_MS : 0;
                String verdict = limit == 0
                        ? "—"
                        : entry.getKey() < 1_000_000
                                ? (s.meets(limit) ? "within" : "over") + " (target is set at 1M)"
                                : s.meets(limit)
                                        ? "met"
                                        : String.format(Locale.ROOT, "**missed by %.0f ms**", s.p99Millis() - limit);
                out.printf(
                        Locale.ROOT,
                        "| %s | %s | %,d | %.1f | %.1f | %.1f | %,d B | %d | %s |%n",
                        s.query(),
                        s.target(),
                        entry.getKey(),
                        s.p50Millis(),
                        s.p99Millis(),
                        s.maxMillis(),
                        s.meanBytes(),
                        s.errors(),
                        verdict);
            }
        }
    }

    /** The 1-minute load average: other work on the machine shows up in every figure here. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1
                ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    static String setting(String name, String fallback) {
        String value = System.getProperty("parley.bench." + name);
        if (value == null || value.isBlank()) {
            value = System.getenv(
                    "PARLEY_BENCH_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
