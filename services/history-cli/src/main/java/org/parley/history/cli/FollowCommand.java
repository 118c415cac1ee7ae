package org.parley.history.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Each change to a narrative as Parley records it, from its server-sent events ({@code GET
 * /api/narratives/{id}/changes} with {@code Accept: text/event-stream}), resuming after the last feed position seen
 * when the stream drops. A Parley that does not offer the stream is polled on the same endpoint's JSON pages.
 */
@Command(
        name = "follow",
        description =
                "Print each change to a narrative as it happens (the narrative's change feed), until" + " interrupted.")
final class FollowCommand extends ApiCommand {

    private static final int PAGE = 1000;

    /** The name of a change's event on the stream; any other (a heartbeat, say) is skipped. */
    private static final String CHANGE_EVENT = "narrative-change";

    @Parameters(paramLabel = "NARRATIVE", description = "A narrative id, or all-sources")
    String narrative;

    @Option(
            names = "--after",
            paramLabel = "POSITION",
            description = "Start after this feed position (0: from the beginning); default: changes from now on")
    Long after;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N changes (default: never)")
    Long count;

    @Option(
            names = "--poll",
            paramLabel = "SECONDS",
            defaultValue = "1",
            description = "How often to ask, where Parley offers no event stream (default: ${DEFAULT-VALUE})")
    double pollSeconds;

    private long printed;

    @Override
    int run() throws InterruptedException {
        String path = "/api/narratives/" + Api.segment(narrative) + "/changes";
        long position = after != null ? after : head(path);
        terminal.message("following " + narrative + " after feed position " + position + " (Ctrl-C to stop)");
        while (!done()) {
            Long reached = stream(path, position);
            if (reached == null) {
                return poll(path, position);
            }
            position = reached;
            if (!done()) {
                // The stream ended (a restart, a proxy's timeout): take it up again after what was printed.
                Thread.sleep(pause().toMillis());
            }
        }
        return ExitCode.OK;
    }

    /** The feed's last position now: where "from now on" starts. */
    private long head(String path) {
        long position = 0;
        while (true) {
            JsonNode page = api.get(path, Api.Query.of().with("after", position).with("limit", PAGE))
                    .json();
            JsonNode changes = page.path("changes");
            if (changes.isEmpty()) {
                return position;
            }
            position = changes.get(changes.size() - 1).path("position").asLong();
            if (changes.size() < PAGE) {
                return position;
            }
        }
    }

    /**
     * Reads the event stream until it ends or enough was printed; answers the last position seen, or null when
     * Parley does not answer with an event stream.
     */
    private Long stream(String path, long position) {
        HttpResponse<Stream<String>> response;
        try {
            response = api.events(path, Long.toString(position));
        } catch (ApiException refused) {
            if (refused.status() == 406 || refused.status() == 415) {
                return null;
            }
            throw refused;
        }
        boolean eventStream = response.headers()
                .firstValue("Content-Type")
                .map(type -> type.startsWith("text/event-stream"))
                .orElse(false);
        try (Stream<String> lines = response.body()) {
            if (!eventStream) {
                return null;
            }
            StringBuilder data = new StringBuilder();
            String id = null;
            String event = null;
            Iterator<String> each = lines.iterator();
            while (each.hasNext()) {
                String line = each.next();
                if (line.isEmpty()) {
                    if (data.length() > 0 && (event == null || CHANGE_EVENT.equals(event))) {
                        print(Api.JSON.readTree(data.toString()));
                        position = id != null ? Long.parseLong(id.strip()) : position + 1;
                        if (done()) {
                            return position;
                        }
                    }
                    data.setLength(0);
                    id = null;
                    event = null;
                } else if (line.startsWith("event:")) {
                    event = field(line);
                } else if (line.startsWith("data:")) {
                    data.append(data.length() > 0 ? "\n" : "").append(field(line));
                } else if (line.startsWith("id:")) {
                    id = field(line);
                }
            }
        } catch (IOException | RuntimeException dropped) {
            if (dropped instanceof ApiException refused) {
                throw refused;
            }
            terminal.message("the event stream dropped (" + dropped.getMessage() + "); resuming after " + position);
        }
        return position;
    }

    private int poll(String path, long position) throws InterruptedException {
        Duration pause = pause();
        while (!done()) {
            JsonNode page = api.get(path, Api.Query.of().with("after", position).with("limit", PAGE))
                    .json();
            for (JsonNode entry : page.path("changes")) {
                print(entry);
                position = entry.path("position").asLong();
                if (done()) {
                    return ExitCode.OK;
                }
            }
            if (page.path("changes").size() < PAGE) {
                Thread.sleep(pause.toMillis());
            }
        }
        return ExitCode.OK;
    }

    private Duration pause() {
        return Duration.ofMillis(Math.max(50, (long) (pollSeconds * 1000)));
    }

    private void print(JsonNode entry) {
        printed++;
        if (json) {
            terminal.out.println(entry.toString());
        } else {
            JsonNode change = entry.path("change");
            String field = change.path("field").asText("");
            terminal.out.println(String.join(
                            "  ",
                            entry.path("position").asText(),
                            change.path("recorded").asText(),
                            terminal.bold(change.path("change").asText()),
                            change.path("eventId")
                                    .asText(change.path("narrativeId").asText()),
                            field.isEmpty() ? "" : field + " " + Render.value(change.path("after")),
                            "(" + Render.each(change.path("causes"), Render::citation) + ")")
                    .replaceAll(" {3,}", "  "));
        }
        terminal.out.flush();
    }

    private boolean done() {
        return count != null && printed >= count;
    }

    private static String field(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }
}
