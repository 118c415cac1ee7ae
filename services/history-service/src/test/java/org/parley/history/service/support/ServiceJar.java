package org.parley.history.service.support;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * The jar the build just packed, run as its own process with {@code java -jar} on a PostgreSQL database and the
 * tests' Kafka broker: what production runs, which a test can also kill.
 */
public final class ServiceJar {

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    private ServiceJar(int port) {
        this.port = port;
    }

    /** On a port of its own, free now. */
    public static ServiceJar onFreePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return new ServiceJar(socket.getLocalPort());
        }
    }

    public int port() {
        return port;
    }

    /** Starts the jar on the database, its output into the log, with the environment's additions. */
    public Process start(TestDatabase.Connection database, Path dataDir, Path log, Map<String, String> more)
            throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
        command.addAll(List.of(TestUsers.asArguments()));
        command.addAll(List.of(TestKafka.asArguments()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.put("SPRING_DATASOURCE_URL", database.url());
        environment.put("SPRING_DATASOURCE_USERNAME", database.username());
        environment.put("SPRING_DATASOURCE_PASSWORD", database.password());
        environment.put("PORT", Integer.toString(port));
        environment.put("PARLEY_DATA_DIR", dataDir.toString());
        environment.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        environment.remove("PARLEY_SEEDS_LOAD_ON_START");
        environment.putAll(more);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return builder.start();
    }

    /** The status of {@code /actuator/health}, -1 while nothing listens. */
    public int health() {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException notListeningYet) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Sends the request as the user, with their password. */
    public HttpResponse<String> send(String user, HttpRequest.Builder request, String path)
            throws IOException, InterruptedException {
        String credentials = user + ":" + TestUsers.passwordOf(user);
        return http.send(
                request.uri(URI.create("http://localhost:" + port + path))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public static Path jar() {
        String location = System.getProperty("parley.production-jar");
        assertThat(location)
                .as("the jar's path, which the build passes as parley.production-jar (run through ./mvnw verify)")
                .isNotBlank();
        return Path.of(location);
    }
}
