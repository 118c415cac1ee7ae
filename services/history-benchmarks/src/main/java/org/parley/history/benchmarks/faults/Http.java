package org.parley.history.benchmarks.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The suite's HTTP client: every call timed, an unanswered one (refused, reset, timed out) is status -1. */
final class Http {

    /** Serialises the contract's command records as the tests' clients do. */
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    /** One answer: status (-1: none), the Retry-After header, the body as JSON when it is, and how long it took. */
    record Answer(int status, String retryAfter, JsonNode body, long nanos) {
        boolean ok() {
            return status / 100 == 2;
        }

        double millis() {
            return nanos / 1e6;
        }
    }

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Duration timeout;

    Http(Duration timeout) {
        this.timeout = timeout;
    }

    Answer post(Service service, String path, Object body, String commandId) {
        return post(service, path, body, commandId, Service.USER, Service.PASSWORD);
    }

    Answer post(Service service, String path, Object body, String commandId, String user, String password) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.url(path)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (commandId != null) {
                request.header("X-Command-Id", commandId);
            }
            return send(request, user, password);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Answer get(Service service, String path, String user) {
        return send(HttpRequest.newBuilder(URI.create(service.url(path))).GET(), user, Service.PASSWORD);
    }

    Answer get(Service service, String path, String user, String password) {
        return send(HttpRequest.newBuilder(URI.create(service.url(path))).GET(), user, password);
    }

    private Answer send(HttpRequest.Builder request, String user, String password) {
        if (user != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        request.timeout(timeout);
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - start;
            JsonNode body = null;
            if (response.headers().firstValue("Content-Type").orElse("").contains("json")
                    && !response.body().isEmpty()) {
                body = JSON.readTree(response.body());
            }
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null),
                    body,
                    took);
        } catch (IOException noAnswer) {
            return new Answer(-1, null, null, System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, null, null, System.nanoTime() - start);
        }
    }
}
