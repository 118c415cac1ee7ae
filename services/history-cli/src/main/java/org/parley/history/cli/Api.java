package org.parley.history.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.stream.Stream;

/** Parley's REST API over the JDK's HTTP client: JSON in and out, a problem answer thrown as ApiException. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final Optional<String> authorization;
    private final HttpClient http;

    Api(Settings settings) {
        this.base = settings.url();
        this.authorization = settings.authorization();
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    String base() {
        return base;
    }

    /** The answer's body as text and as JSON. */
    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("Parley answered something that is not JSON: " + abbreviate(body));
            }
        }
    }

    Answer get(String path, Query query) {
        return send(request(path + query).GET().build());
    }

    Answer post(String path, String contentType, byte[] body) {
        return send(request(path)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    /** An open text/event-stream, or an ApiException when Parley answers anything else. */
    HttpResponse<Stream<String>> events(String path, String lastEventId) {
        HttpRequest.Builder request = request(path).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            HttpResponse<Stream<String>> response =
                    http.send(request.GET().build(), HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() >= 400) {
                String body = String.join("\n", response.body().toList());
                throw problem(response.statusCode(), body);
            }
            return response;
        } catch (IOException e) {
            throw new Unreachable(base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable(base, e);
        }
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofMinutes(5))
                .header("Accept", "application/json, application/problem+json")
                .header("User-Agent", "parley-cli");
        authorization.ifPresent(value -> request.header("Authorization", value));
        return request;
    }

    private Answer send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Unreachable(base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable(base, e);
        }
        if (response.statusCode() >= 400) {
            throw problem(response.statusCode(), response.body());
        }
        return new Answer(response.statusCode(), response.body());
    }

    private static ApiException problem(int status, String body) {
        JsonNode problem = null;
        try {
            problem = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException notJson) {
            // a proxy's HTML page, say: reported by status alone
        }
        if (problem != null && problem.isObject()) {
            return new ApiException(
                    status,
                    problem.path("title").asText("HTTP " + status),
                    problem.hasNonNull("detail") ? problem.get("detail").asText() : null,
                    problem);
        }
        return new ApiException(
                status, "HTTP " + status, body == null || body.isBlank() ? null : abbreviate(body), null);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    /** Query parameters, left out when null, URL-encoded. */
    static final class Query {
        private final Map<String, String> parameters = new LinkedHashMap<>();

        static Query of() {
            return new Query();
        }

        Query with(String name, Object value) {
            if (value != null) {
                parameters.put(name, value.toString());
            }
            return this;
        }

        @Override
        public String toString() {
            if (parameters.isEmpty()) {
                return "";
            }
            StringJoiner joined = new StringJoiner("&", "?", "");
            parameters.forEach(
                    (name, value) -> joined.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
            return joined.toString();
        }
    }

    /** One path segment (an id the user typed), encoded so that it cannot reach another path. */
    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
