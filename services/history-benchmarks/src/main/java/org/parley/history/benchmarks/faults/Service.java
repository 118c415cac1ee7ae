package org.parley.history.benchmarks.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Parley process as the suite runs it: the production jar on a configured PostgreSQL and broker, or the embedded
 * default (the service's classes with history-embedded beside them, as {@code ./mvnw spring-boot:run} starts it) on
 * a data directory of its own. Both know the suite's users; the output goes to a log file.
 */
final class Service implements AutoCloseable {

    static final String USER = "faults";
    static final String READER = "faultsreader";
    static final String VICTIM = "faultsvictim";
    static final String PASSWORD = "faults-password";

    private final Process process;
    private final int port;
    private final Path log;

    private Service(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** A database and the broker the production jar is given. */
    record Backends(String jdbcUrl, String user, String password, String bootstrapServers, String topic) {}

    static Service jar(Path jar, Backends backends, Map<String, String> env, Path log) throws IOException {
        int port = freePort();
        List<String> command = java();
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = common(builder, port, log.resolveSibling(log.getFileName() + ".data"));
        environment.put("SPRING_DATASOURCE_URL", backends.jdbcUrl());
        environment.put("SPRING_DATASOURCE_USERNAME", backends.user());
        environment.put("SPRING_DATASOURCE_PASSWORD", backends.password());
        environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", backends.bootstrapServers());
        environment.put("PARLEY_STREAMS_LEDGER_TOPIC", backends.topic());
        environment.put("PARLEY_STREAMS_NARRATIVES_TOPIC", backends.topic() + ".narratives");
        environment.putAll(env);
        return start(builder, port, log);
    }

    /** The embedded default on {@code dataDir}, its PostgreSQL and broker on the given ports (kept across restarts). */
    static Service embedded(String classpath, Path dataDir, int port, int postgresPort, int kafkaPort, Path log)
            throws IOException {
        List<String> command = java();
        command.add("-cp");
        command.add(classpath);
        command.add("org.parley.history.service.ParleyApplication");
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = common(builder, port, dataDir);
        environment.put("PARLEY_EMBEDDED_POSTGRES_PORT", Integer.toString(postgresPort));
        environment.put("PARLEY_EMBEDDED_KAFKA_PORT", Integer.toString(kafkaPort));
        return start(builder, port, log);
    }

    private static List<String> java() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(
                FaultSuite.setting("service-java-opts", "-Xmx768m").split("\\s+")));
        return command;
    }

    private static Map<String, String> common(ProcessBuilder builder, int port, Path dataDir) {
        Map<String, String> env = builder.environment();
        env.put("PORT", Integer.toString(port));
        env.put("PARLEY_DATA_DIR", dataDir.toString());
        env.put("PARLEY_SEEDS_LOAD_ON_START", "false");
        env.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        user(env, USER, "EDITOR,ANALYST,OPERATOR");
        user(env, READER, "ANALYST");
        user(env, VICTIM, "ANALYST");
        return env;
    }

    private static void user(Map<String, String> env, String name, String roles) {
        env.put("PARLEY_SECURITY_USERS_" + name.toUpperCase() + "_PASSWORD", "{noop}" + PASSWORD);
        env.put("PARLEY_SECURITY_USERS_" + name.toUpperCase() + "_ROLES", roles);
    }

    private static Service start(ProcessBuilder builder, int port, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new Service(builder.start(), port, log);
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** Waits until the actuator says UP; returns how long that took. */
    Duration awaitUp(Http http, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Parley exited with " + process.exitValue() + "; see " + log);
            }
            Http.Answer health = http.get(this, "/actuator/health", null);
            if (health.status() == 200) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Parley did not come up within " + timeout + "; see " + log);
    }

    /** SIGKILL: no shutdown hook runs, nothing is released, as when the machine or the kernel ends it. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
