package org.parley.history.service.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** For tests that run Parley as a process of its own: the packed jar, free ports, its environment, its health. */
public final class ServiceProcesses {

    private ServiceProcesses() {}

    /** The jar's command line with the test's database, port, data directory and log in its environment. */
    public static ProcessBuilder jarProcess(
            List<String> command, TestDatabase.Connection database, int port, Path dataDir, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.put("SPRING_DATASOURCE_URL", database.url());
        environment.put("SPRING_DATASOURCE_USERNAME", database.username());
        environment.put("SPRING_DATASOURCE_PASSWORD", database.password());
        environment.put("PORT", Integer.toString(port));
        environment.put("PARLEY_DATA_DIR", dataDir.toString());
        environment.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return builder;
    }

    /** The actuator's status code, or -1 while nothing listens. */
    public static int health(HttpClient http, int port) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
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

    public static Path jar() {
        String location = System.getProperty("parley.production-jar");
        assertThat(location)
                .as("the jar's path, which the build passes as parley.production-jar (run through ./mvnw verify)")
                .isNotBlank();
        Path jar = Path.of(location);
        assertThat(jar).as("the packaged jar").exists();
        return jar;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
