package org.parley.history.benchmarks.faults;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.parley.history.embedded.EmbeddedKafkaBroker;
import org.parley.history.embedded.EmbeddedKafkaCluster;

/**
 * Issue 16's fault suite: the scenarios of its table, each with four clients writing over HTTP while the fault is
 * injected, and what was acknowledged, lost (ledger / topic / read model), answered during the fault and how long
 * recovery took, printed as the same table. Scenarios: {@code embedded-kill} (kill -9 of the embedded default: its
 * JVM, its PostgreSQL; its broker lives in that JVM), {@code jvm-kill} (the JVM alone), {@code two-instances} (two
 * processes of the jar on one PostgreSQL and one broker, kill -9 of one), {@code several-processes} (part 6: three,
 * one winner per expected version, the killed one's publisher segments taken over), {@code broker-stopped} (20 s),
 * {@code postgres-stopped} (15 s, part 3, then part 4's sign-in throttling on the same process), {@code
 * replicated-kafka} (part 5: three KRaft nodes, the leader of most of the ledger's partitions killed), and
 * {@code --soak 30m} ({@link Soak}).
 *
 * <p>Settings are system properties {@code parley.faults.*} or the environment {@code PARLEY_FAULTS_*}; see
 * infra/faults/run-fault-suite.sh.
 */
public final class FaultSuite {

    static final PrintStream OUT = System.out;
    private static final int CLIENTS = 4;

    private final Http http = new Http(Duration.ofSeconds(15));
    private final Path work = Path.of(setting("work-dir", "services/history-benchmarks/target/faults"));
    private final Path jar =
            Path.of(setting("service-jar", "services/history-service/target/history-service-0.1.0-SNAPSHOT.jar"));
    private final Path embeddedClasspath =
            Path.of(setting("embedded-classpath", "services/history-dev/target/embedded-default.classpath"));
    private final Path serviceClasses = Path.of(setting("service-classes", "services/history-service/target/classes"));
    private final String pgHost = setting("pg-host", "localhost");
    private final String pgPort = setting("pg-port", "5440");
    private final String pgUser = setting("pg-user", "parley");
    private final String pgPassword = setting("pg-password", "parley");
    private final String pgStop = setting("pg-stop", "pg_ctlcluster 15 faults stop -m immediate");
    private final String pgStart = setting("pg-start", "pg_ctlcluster 15 faults start");
    private final long loadMs = Duration.parse("PT" + setting("load", "10s").toUpperCase(Locale.ROOT))
            .toMillis();
    private final List<Row> rows = new ArrayList<>();

    private static Row row(String fault, Writers writers, Evidence.Found found, String during, String back) {
        return new Row(
                fault,
                writers.acknowledged().size(),
                found.lostOnTheLedger(),
                found.lostOnTheTopic(),
                found.lostInTheReadModel(),
                found.writtenTwice(),
                during,
                back);
    }

    /** One line of the table. */
    record Row(
            String fault,
            int acknowledged,
            int lostLedger,
            int lostTopic,
            int lostReadModel,
            int writtenTwice,
            String during,
            String back) {}

    public static void main(String[] args) {
        // Exits explicitly: a client library's leftover thread must not keep a finished (or failed) run waiting.
        try {
            run(Arrays.asList(args));
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(List<String> arguments) throws Exception {
        FaultSuite suite = new FaultSuite();
        int soak = arguments.indexOf("--soak");
        int only = arguments.indexOf("--only");
        List<String> scenarios = only >= 0
                ? Arrays.asList(arguments.get(only + 1).split(","))
                : List.of(
                        "embedded-kill",
                        "jvm-kill",
                        "two-instances",
                        "several-processes",
                        "broker-stopped",
                        "postgres-stopped",
                        "replicated-kafka");
        if (soak >= 0 && only < 0) {
            scenarios = List.of();
        }
        for (String scenario : scenarios) {
            OUT.println("=== " + scenario);
            long started = System.nanoTime();
            switch (scenario) {
                case "embedded-kill" -> suite.embeddedKill(true);
                case "jvm-kill" -> suite.embeddedKill(false);
                case "two-instances" -> suite.instancesKill(2);
                case "several-processes" -> suite.instancesKill(3);
                case "broker-stopped" -> suite.brokerStopped();
                case "postgres-stopped" -> suite.postgresStopped();
                case "replicated-kafka" -> suite.replicatedKafka();
                default -> throw new IllegalArgumentException("no scenario " + scenario);
            }
            OUT.printf("=== %s took %.0f s%n", scenario, (System.nanoTime() - started) / 1e9);
        }
        if (!suite.rows.isEmpty()) {
            suite.printTable();
        }
        if (soak >= 0) {
            Duration length = Duration.parse("PT" + arguments.get(soak + 1).toUpperCase(Locale.ROOT));
            new Soak(suite, length).run();
        }
    }

    // --- kill -9 of the embedded default ---------------------------------------------------------------------

    private void embeddedKill(boolean postgresToo) throws Exception {
        String name = postgresToo ? "embedded-kill" : "jvm-kill";
        Path dataDir = fresh(work.resolve(name));
        int port = Service.freePort();
        int postgresPort = Service.freePort();
        int kafkaPort = Service.freePort();
        String classpath = embeddedClasspath();
        Path log = work.resolve(name + ".log");
        AtomicReference<Service> current =
                new AtomicReference<>(Service.embedded(classpath, dataDir, port, postgresPort, kafkaPort, log));
        current.get().awaitUp(http, Duration.ofMinutes(3));
        try (Writers writers = new Writers(http, () -> List.of(current.get()), CLIENTS, name)) {
            writers.start();
            Thread.sleep(loadMs);
            long postmaster = postmasterPid(dataDir.resolve("postgres"));
            long killedAt = System.nanoTime();
            current.get().kill9();
            if (postgresToo) {
                run("kill -9 " + postmaster);
            }
            long restartedAt = System.nanoTime();
            current.set(Service.embedded(classpath, dataDir, port, postgresPort, kafkaPort, log));
            Duration up = current.get().awaitUp(http, Duration.ofMinutes(3));
            writers.awaitMore(1, 60_000);
            double firstWrite = (writers.lastAcknowledged() - killedAt) / 1e9;
            Thread.sleep(loadMs / 2);
            writers.stop();
            String jdbc = "jdbc:postgresql://localhost:" + postgresPort + "/postgres";
            Evidence.Found found = Evidence.found(
                    jdbc,
                    "postgres",
                    "postgres",
                    "localhost:" + kafkaPort,
                    "parley.ledger.v1",
                    writers.acknowledged(),
                    Duration.ofSeconds(120));
            Evidence.Topic topic = found.topic();
            rows.add(row(
                    postgresToo
                            ? "kill -9 of the embedded default (JVM, its PostgreSQL, its broker)"
                            : "kill -9 of the JVM alone (its PostgreSQL left running)",
                    writers,
                    found,
                    "— (nothing runs); " + topic.note(),
                    String.format(
                            Locale.ROOT,
                            "up in %.1f s after the restart (started %.1f s after the kill), first write %.1f s after"
                                    + " the kill",
                            up.toNanos() / 1e9,
                            (restartedAt - killedAt) / 1e9,
                            firstWrite)));
        } finally {
            current.get().close();
        }
    }

    // --- several instances of the jar, kill -9 of one ----------------------------------------------------------

    private void instancesKill(int count) throws Exception {
        String name = count == 2 ? "two-instances" : "several-processes";
        String database = freshDatabase(name);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.plaintext(fresh(work.resolve(name + "-kafka")), 0)
                .start()) {
            Service.Backends backends = backends(database, broker);
            List<Service> started = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                started.add(Service.jar(jar, backends, Map.of(), work.resolve(name + "-" + i + ".log")));
            }
            List<Service> alive = new CopyOnWriteArrayList<>(started);
            try {
                for (Service service : started) {
                    service.awaitUp(http, Duration.ofMinutes(4));
                }
                String contest = count > 2 ? contest(started, 10) : "";
                Writers writers = new Writers(http, () -> alive, CLIENTS, name);
                writers.start();
                Thread.sleep(loadMs);
                Map<Integer, String> owners = publisherOwners(backends);
                Service victim = mainHolder(started, owners);
                long killedAt = System.nanoTime();
                victim.kill9();
                alive.remove(victim);
                String victimNode = victim.pid() + "@";
                double takenOver = -1;
                long deadline = killedAt + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < deadline) {
                    Map<Integer, String> now = publisherOwners(backends);
                    if (!now.isEmpty()
                            && now.values().stream()
                                    .allMatch(owner -> owner != null && !owner.startsWith(victimNode))) {
                        takenOver = (System.nanoTime() - killedAt) / 1e9;
                        break;
                    }
                    Thread.sleep(100);
                }
                Thread.sleep(loadMs);
                writers.stop();
                long stoppedAt = System.nanoTime();
                List<Writers.Call> after = writers.callsBetween(killedAt, stoppedAt);
                long answered = after.stream()
                        .filter(call -> call.target() != victim && call.status() / 100 == 2)
                        .count();
                long notAnswered = after.stream()
                        .filter(call -> call.target() != victim && call.status() / 100 != 2)
                        .count();
                long sentAgain =
                        after.stream().filter(call -> call.target() == victim).count();
                Evidence.Found found = found(backends, writers, Duration.ofSeconds(120));
                Evidence.Topic topic = found.topic();
                rows.add(row(
                        count + " instances on PostgreSQL 15 and one broker, kill -9 of the one holding most of the"
                                + " publisher's segments"
                                + contest,
                        writers,
                        found,
                        String.format(
                                Locale.ROOT,
                                "the other%s answered %d of %d (%d unanswered writes sent again to them); %s",
                                count > 2 ? "s" : "",
                                answered,
                                answered + notAnswered,
                                sentAgain,
                                topic.note()),
                        String.format(
                                Locale.ROOT,
                                "segments taken over %.1f s after the kill (claim timeout 10 s); all on the topic %.1f"
                                        + " s after the kill",
                                takenOver,
                                topic.completeAt() == 0 ? -1 : (topic.completeAt() - killedAt) / 1e9)));
            } finally {
                for (Service service : started) {
                    service.close();
                }
            }
        }
    }

    /** Rounds of one write per process, all expecting the same version: returns what the rounds showed. */
    private String contest(List<Service> services, int rounds) throws Exception {
        Service first = services.get(0);
        check(http.post(first, "/api/sources", Writers.registerSource("contest-source"), null));
        check(http.post(first, "/api/events", Writers.reportEvent("contest-event", "contest-source"), null));
        ExecutorService pool = Executors.newFixedThreadPool(services.size());
        long version = 0;
        int oneWinner = 0;
        try {
            for (int round = 0; round < rounds; round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Http.Answer>> answers = new ArrayList<>();
                long expected = version;
                int r = round;
                for (int i = 0; i < services.size(); i++) {
                    Service service = services.get(i);
                    int p = i;
                    answers.add(pool.submit(() -> {
                        go.await();
                        return http.post(
                                service,
                                "/api/accounts",
                                Writers.account("contest-event", "r" + r + "-p" + p, "contest-source", expected),
                                null);
                    }));
                }
                go.countDown();
                int won = 0;
                int conflicts = 0;
                for (Future<Http.Answer> answer : answers) {
                    Http.Answer done = answer.get(60, TimeUnit.SECONDS);
                    if (done.status() == 201) {
                        won++;
                        version = done.body().get("version").asLong();
                    } else if (done.status() == 409) {
                        conflicts++;
                    }
                }
                if (won == 1 && conflicts == services.size() - 1) {
                    oneWinner++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return String.format(
                Locale.ROOT,
                "; before it, %d rounds of %d writers expecting one version: exactly one winner (the others 409) in"
                        + " %d",
                rounds,
                services.size(),
                oneWinner);
    }

    // --- the broker stopped for 20 s --------------------------------------------------------------------------

    private void brokerStopped() throws Exception {
        String database = freshDatabase("broker-stopped");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.plaintext(fresh(work.resolve("broker-stopped-kafka")), 0)
                .start()) {
            Service.Backends backends = backends(database, broker);
            try (Service service = Service.jar(jar, backends, Map.of(), work.resolve("broker-stopped.log"))) {
                service.awaitUp(http, Duration.ofMinutes(3));
                Writers writers = new Writers(http, () -> List.of(service), CLIENTS, "broker");
                writers.start();
                Thread.sleep(loadMs);
                long stoppedAt = System.nanoTime();
                broker.stop();
                Thread.sleep(20_000);
                long returnedAt = System.nanoTime();
                broker.start();
                Thread.sleep(loadMs / 2);
                writers.stop();
                List<Writers.Call> during = writers.callsBetween(stoppedAt, returnedAt);
                long accepted =
                        during.stream().filter(call -> call.status() / 100 == 2).count();
                double slowest =
                        during.stream().mapToLong(Writers.Call::nanos).max().orElse(0) / 1e6;
                Evidence.Found found = found(backends, writers, Duration.ofSeconds(180));
                Evidence.Topic topic = found.topic();
                rows.add(row(
                        "the broker stopped for 20 s",
                        writers,
                        found,
                        String.format(
                                Locale.ROOT,
                                "%d of %d writes accepted, slowest %.0f ms; %s",
                                accepted,
                                during.size(),
                                slowest,
                                topic.note()),
                        String.format(
                                Locale.ROOT,
                                "all on the topic %.1f s after it returned",
                                topic.completeAt() == 0 ? -1 : (topic.completeAt() - returnedAt) / 1e9)));
            }
        }
    }

    // --- part 5: three Kafka nodes, the leader of most of the ledger's partitions killed --------------------------

    private void replicatedKafka() throws Exception {
        String database = freshDatabase("replicated-kafka");
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.of(fresh(work.resolve("replicated-kafka-cluster")))
                .start()) {
            Service.Backends backends = new Service.Backends(
                    "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + database,
                    pgUser,
                    pgPassword,
                    cluster.bootstrapServers(),
                    "parley.ledger.v1");
            Map<String, String> replicated = Map.of(
                    "PARLEY_STREAMS_LEDGER_REPLICATION", "3",
                    "PARLEY_STREAMS_LEDGER_MIN_INSYNC_REPLICAS", "2",
                    "PARLEY_STREAMS_NARRATIVES_REPLICATION", "3",
                    "PARLEY_STREAMS_NARRATIVES_MIN_INSYNC_REPLICAS", "2");
            try (Service service = Service.jar(jar, backends, replicated, work.resolve("replicated-kafka.log"))) {
                service.awaitUp(http, Duration.ofMinutes(3));
                Writers writers = new Writers(http, () -> List.of(service), CLIENTS, "replicated");
                writers.start();
                Thread.sleep(loadMs);
                Map<Integer, Long> led = leaders(cluster.bootstrapServers(), backends.topic());
                int victim = led.entrySet().stream()
                        .max(Map.Entry.comparingByValue())
                        .orElseThrow()
                        .getKey();
                long killedAt = System.nanoTime();
                cluster.kill(victim);
                Thread.sleep(2 * loadMs);
                writers.stop();
                List<Writers.Call> after = writers.callsBetween(killedAt, System.nanoTime());
                long accepted =
                        after.stream().filter(call -> call.status() / 100 == 2).count();
                Evidence.Found found = found(backends, writers, Duration.ofSeconds(180));
                Evidence.Topic topic = found.topic();
                rows.add(row(
                        "three Kafka nodes (replication 3, min ISR 2), the leader of " + led.get(victim) + " of "
                                + led.values().stream()
                                        .mapToLong(Long::longValue)
                                        .sum()
                                + " ledger partitions killed (part 5)",
                        writers,
                        found,
                        String.format(
                                Locale.ROOT,
                                "%d of %d writes accepted after the kill; %s",
                                accepted,
                                after.size(),
                                topic.note()),
                        String.format(
                                Locale.ROOT,
                                "all on the topic %.1f s after the kill",
                                topic.completeAt() == 0 ? -1 : (topic.completeAt() - killedAt) / 1e9)));
            }
        }
    }

    /** How many of the topic's partitions each node leads. */
    private static Map<Integer, Long> leaders(String bootstrapServers, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            TopicDescription description =
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            Map<Integer, Long> led = new java.util.TreeMap<>();
            for (TopicPartitionInfo partition : description.partitions()) {
                led.merge(partition.leader().id(), 1L, Long::sum);
            }
            return led;
        }
    }

    // --- PostgreSQL stopped for 15 s (part 3), then failed sign-ins (part 4) ----------------------------------

    private void postgresStopped() throws Exception {
        String database = freshDatabase("postgres-stopped");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.plaintext(
                        fresh(work.resolve("postgres-stopped-kafka")), 0)
                .start()) {
            Service.Backends backends = backends(database, broker);
            try (Service service = Service.jar(jar, backends, Map.of(), work.resolve("postgres-stopped.log"))) {
                service.awaitUp(http, Duration.ofMinutes(3));
                Writers writers = new Writers(http, () -> List.of(service), CLIENTS, "pg");
                writers.start();
                Thread.sleep(loadMs);
                long stoppedAt = System.nanoTime();
                run(pgStop);
                // Reads and probes while it is away, beside the writers.
                List<Http.Answer> reads = new ArrayList<>();
                double readinessDown = -1;
                while (System.nanoTime() - stoppedAt < TimeUnit.SECONDS.toNanos(15)) {
                    reads.add(http.get(service, "/api/sources?limit=10", Service.READER));
                    Http.Answer readiness = http.get(service, "/actuator/health/readiness", null);
                    if (readinessDown < 0 && readiness.status() == 503) {
                        readinessDown = (System.nanoTime() - stoppedAt) / 1e9;
                    }
                    Thread.sleep(200);
                }
                long returnedAt = System.nanoTime();
                run(pgStart);
                long startedAt = System.nanoTime();
                int before = writers.acknowledged().size();
                while (writers.acknowledged().size() == before
                        && System.nanoTime() - startedAt < TimeUnit.SECONDS.toNanos(60)) {
                    Thread.sleep(20);
                }
                double firstWrite = (writers.lastAcknowledged() - startedAt) / 1e9;
                Thread.sleep(loadMs / 2);
                writers.stop();
                List<Writers.Call> during = writers.callsBetween(stoppedAt, returnedAt);
                Map<Integer, Long> writeStatuses = new java.util.TreeMap<>();
                during.forEach(call -> writeStatuses.merge(call.status(), 1L, Long::sum));
                Map<Integer, Long> readStatuses = new java.util.TreeMap<>();
                reads.forEach(read -> readStatuses.merge(read.status(), 1L, Long::sum));
                double slowest = Math.max(
                                during.stream()
                                        .mapToLong(Writers.Call::nanos)
                                        .max()
                                        .orElse(0),
                                reads.stream()
                                        .mapToLong(Http.Answer::nanos)
                                        .max()
                                        .orElse(0))
                        / 1e6;
                Evidence.Found found = found(backends, writers, Duration.ofSeconds(120));
                Evidence.Topic topic = found.topic();
                rows.add(row(
                        "PostgreSQL stopped for 15 s (`pg_ctlcluster … stop -m immediate`)",
                        writers,
                        found,
                        String.format(
                                Locale.ROOT,
                                "writes by status %s, reads by status %s (-1: no answer), slowest %.0f ms;"
                                        + " readiness DOWN after %.1f s",
                                writeStatuses,
                                readStatuses,
                                slowest,
                                readinessDown),
                        String.format(
                                Locale.ROOT,
                                "first write %.2f s after it was started again (the start itself %.1f s)",
                                firstWrite,
                                (startedAt - returnedAt) / 1e9)));
                signInThrottle(service);
            }
        }
    }

    /** Part 4: one account's password guessed from one address, while a signed-in reader goes on reading. */
    private void signInThrottle(Service service) {
        check(http.get(service, "/api/sources?limit=1", Service.READER));
        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        String retryAfter = null;
        int readerOk = 0;
        int readerOther = 0;
        for (int guess = 0; guess < 30; guess++) {
            Http.Answer answer = http.get(service, "/api/sources?limit=1", Service.VICTIM, "guess-" + guess);
            statuses.merge(answer.status(), 1, Integer::sum);
            if (answer.status() == 429) {
                retryAfter = answer.retryAfter();
            }
            if (http.get(service, "/api/sources?limit=1", Service.READER).status() == 200) {
                readerOk++;
            } else {
                readerOther++;
            }
        }
        rows.add(new Row(
                "30 wrong passwords for one account from one address (part 4), same process",
                0,
                0,
                0,
                0,
                0,
                "answers by status " + statuses + ", Retry-After " + retryAfter + "; a signed-in reader between the"
                        + " guesses: " + readerOk + " × 200, " + readerOther + " other",
                "—"));
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    Service.Backends backends(String database, EmbeddedKafkaBroker broker) {
        return new Service.Backends(
                "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + database,
                pgUser,
                pgPassword,
                broker.bootstrapServers(),
                "parley.ledger.v1");
    }

    /** The scenario's evidence from the suite's PostgreSQL and the broker the jar was given. */
    private Evidence.Found found(Service.Backends backends, Writers writers, Duration topicTimeout)
            throws SQLException, InterruptedException {
        return Evidence.found(
                backends.jdbcUrl(),
                pgUser,
                pgPassword,
                backends.bootstrapServers(),
                backends.topic(),
                writers.acknowledged(),
                topicTimeout);
    }

    Http http() {
        return http;
    }

    Path jar() {
        return jar;
    }

    Path work() {
        return work;
    }

    String pgUser() {
        return pgUser;
    }

    String pgPassword() {
        return pgPassword;
    }

    /** A new, empty database on the suite's PostgreSQL (an older one of the same name dropped). */
    String freshDatabase(String scenario) throws SQLException {
        String name = "parley_faults_" + scenario.replace('-', '_');
        try (Connection admin = DriverManager.getConnection(
                        "jdbc:postgresql://" + pgHost + ":" + pgPort + "/postgres", pgUser, pgPassword);
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    private Map<Integer, String> publisherOwners(Service.Backends backends) throws SQLException {
        Map<Integer, String> owners = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(backends.jdbcUrl(), pgUser, pgPassword);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT segment, owner FROM token_entry WHERE processor_name = 'ledger-publisher'")) {
            while (result.next()) {
                owners.put(result.getInt(1), result.getString(2));
            }
        }
        return owners;
    }

    private static Service mainHolder(List<Service> services, Map<Integer, String> owners) {
        Map<Long, Integer> held = new HashMap<>();
        owners.values().stream()
                .filter(owner -> owner != null && owner.contains("@"))
                .forEach(owner -> held.merge(Long.parseLong(owner.substring(0, owner.indexOf('@'))), 1, Integer::sum));
        return services.stream()
                .max((a, b) -> Integer.compare(held.getOrDefault(a.pid(), 0), held.getOrDefault(b.pid(), 0)))
                .orElseThrow();
    }

    private String embeddedClasspath() throws IOException {
        String classpath = Files.readString(embeddedClasspath).trim();
        // The service's jar there is the repackaged one (classes under BOOT-INF); its classes directory instead.
        List<String> entries = new ArrayList<>();
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            entries.add(
                    entry.matches(".*history-service[^/]*\\.jar")
                            ? serviceClasses.toAbsolutePath().toString()
                            : entry);
        }
        if (!entries.contains(serviceClasses.toAbsolutePath().toString())) {
            entries.add(0, serviceClasses.toAbsolutePath().toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static long postmasterPid(Path postgresDir) throws IOException {
        return Long.parseLong(
                Files.readAllLines(postgresDir.resolve("postmaster.pid")).get(0).trim());
    }

    static void run(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", command).inheritIO().start();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("`" + command + "` failed");
        }
    }

    static void check(Http.Answer answer) {
        if (!answer.ok()) {
            throw new IllegalStateException("unexpected answer " + answer.status() + ": " + answer.body());
        }
    }

    private static Path fresh(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        return dir;
    }

    Path freshDir(String name) throws IOException {
        return fresh(work.resolve(name));
    }

    private void printTable() {
        OUT.println();
        OUT.println(
                "| fault | acknowledged writes | lost (ledger / topic / read model) | written twice | answers during"
                        + " the fault | back |");
        OUT.println("|---|---:|---|---:|---|---|");
        for (Row row : rows) {
            OUT.printf(
                    Locale.ROOT,
                    "| %s | %,d | %d / %d / %d | %d | %s | %s |%n",
                    row.fault(),
                    row.acknowledged(),
                    row.lostLedger(),
                    row.lostTopic(),
                    row.lostReadModel(),
                    row.writtenTwice(),
                    row.during(),
                    row.back());
        }
        OUT.println();
    }

    static String setting(String name, String fallback) {
        String value = System.getProperty("parley.faults." + name);
        if (value == null || value.isBlank()) {
            value = System.getenv(
                    "PARLEY_FAULTS_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
