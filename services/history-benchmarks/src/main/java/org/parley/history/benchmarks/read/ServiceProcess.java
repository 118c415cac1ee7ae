package org.parley.history.benchmarks.read;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.parley.history.embedded.EmbeddedKafkaBroker;

/**
 * The history service as operators run it: its Spring Boot jar started with {@code java -jar} against the
 * benchmark database and a Kafka broker, no seeds, two HTTP Basic users (an analyst who reads, an operator who
 * starts rebuilds), its output kept in a log file. The jar carries no broker of its own, so the broker (the one the
 * embedded default runs, its log under the data folder) runs in this JVM: its CPU is not counted as the service's.
 */
public final class ServiceProcess implements AutoCloseable {

    public static final String ANALYST = "benchanalyst";
    public static final String EDITOR = "bencheditor";
    public static final String OPERATOR = "benchoperator";
    static final String PASSWORD = "bench-password";

    private final Process process;
    private final EmbeddedKafkaBroker broker;
    private final int port;
    private final Path log;
    private final long startedNanos;

    private ServiceProcess(Process process, EmbeddedKafkaBroker broker, int port, Path log, long startedNanos) {
        this.process = process;
        this.broker = broker;
        this.port = port;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    public static ServiceProcess start(
            Path jar, String jdbcUrl, String user, String password, List<String> javaOptions, Path log, Path dataDir)
            throws IOException {
        int port = freePort();
        EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.plaintext(dataDir.resolve("kafka"), 0).start();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("SPRING_DATASOURCE_URL", jdbcUrl);
        env.put("SPRING_DATASOURCE_USERNAME", user);
        env.put("SPRING_DATASOURCE_PASSWORD", password);
        env.put("PARLEY_SEEDS_LOAD_ON_START", "false");
        env.put("PARLEY_DATA_DIR", dataDir.toString());
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("PORT", Integer.toString(port));
        env.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        env.put("PARLEY_SECURITY_USERS_" + ANALYST.toUpperCase() + "_PASSWORD", "{noop}" + PASSWORD);
        env.put("PARLEY_SECURITY_USERS_" + ANALYST.toUpperCase() + "_ROLES", "ANALYST");
        env.put("PARLEY_SECURITY_USERS_" + OPERATOR.toUpperCase() + "_PASSWORD", "{noop}" + PASSWORD);
        env.put("PARLEY_SECURITY_USERS_" + EDITOR.toUpperCase() + "_PASSWORD", "{noop}" + PASSWORD);
        env.put("PARLEY_SECURITY_USERS_" + EDITOR.toUpperCase() + "_ROLES", "EDITOR,ANALYST");
        env.put("PARLEY_SECURITY_USERS_" + OPERATOR.toUpperCase() + "_ROLES", "OPERATOR,ANALYST");
        builder.redirectErrorStream(true);
        builder.redirectOutput(log.toFile());
        long started = System.nanoTime();
        try {
            return new ServiceProcess(builder.start(), broker, port, log, started);
        } catch (IOException | RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    long startedNanos() {
        return startedNanos;
    }

    public static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** Waits until the actuator says UP; returns the seconds since the process was started. */
    public double awaitUp(HttpClient http, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return (System.nanoTime() - startedNanos) / 1e9;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the service did not come up within " + timeout + "; see " + log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        broker.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public static Path dataDir(Path base) {
        File dir = base.toFile();
        if (!dir.isDirectory() && !dir.mkdirs()) {
            throw new IllegalStateException("cannot create " + base);
        }
        return base;
    }
}
