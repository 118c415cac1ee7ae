package org.parley.history.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** What operators do: rebuild the read model, and see how Parley stands. */
final class OperationsCommands {

    private OperationsCommands() {}

    @Command(
            name = "rebuild",
            description = "Drop the read model and replay the whole ledger into it (operator role); --watch shows"
                    + " its progress until the read model is current again.")
    static final class Rebuild extends ApiCommand {

        @Option(names = "--watch", description = "Show the rebuild's progress bar until it is done")
        boolean watch;

        @Option(
                names = "--interval",
                paramLabel = "MILLIS",
                defaultValue = "250",
                description = "How often --watch asks (default: ${DEFAULT-VALUE} ms)")
        long interval;

        @Override
        int run() throws InterruptedException {
            JsonNode status =
                    api.post("/api/rebuilds", "application/json", new byte[0]).json();
            if (watch) {
                Progress progress = new Progress(terminal, "events");
                while (!"CURRENT".equals(status.path("state").asText())) {
                    progress.show(
                            status.path("eventsDone").asLong(),
                            status.path("eventsTotal").asLong(),
                            status.path("eventsPerSecond").asDouble(),
                            status.hasNonNull("estimatedSecondsLeft")
                                    ? status.path("estimatedSecondsLeft").asDouble()
                                    : null);
                    Thread.sleep(interval);
                    status = api.get("/api/rebuilds/current", Api.Query.of()).json();
                }
                progress.show(
                        status.path("eventsDone").asLong(),
                        status.path("eventsTotal").asLong(),
                        0,
                        0.0);
                progress.finish();
            }
            if (json) {
                terminal.out.println(status.toString());
            } else {
                terminal.out.println(describe(status));
            }
            return ExitCode.OK;
        }
    }

    @Command(
            name = "status",
            description = "Parley's health, the read model's state and position, the stream's published and parked"
                    + " events, and the events the read model parked (the details need the operator role).")
    static final class Status extends ApiCommand {

        @Override
        int run() {
            JsonNode health =
                    orProblem(() -> api.get("/actuator/health", Api.Query.of()).json());
            JsonNode readModel = orProblem(
                    () -> api.get("/api/rebuilds/current", Api.Query.of()).json());
            JsonNode published = orProblem(() -> api.get("/actuator/metrics/parley.stream.published", Api.Query.of())
                    .json());
            JsonNode streamParked = orProblem(
                    () -> api.get("/api/stream/parked", Api.Query.of()).json());
            JsonNode readModelParked = orProblem(
                    () -> api.get("/api/read-model/parked", Api.Query.of()).json());
            if (json) {
                ObjectNode all = Api.JSON.createObjectNode();
                all.set("/actuator/health", health);
                all.set("/api/rebuilds/current", readModel);
                all.set("/actuator/metrics/parley.stream.published", published);
                all.set("/api/stream/parked", streamParked);
                all.set("/api/read-model/parked", readModelParked);
                terminal.out.println(all.toString());
            } else {
                Table table = new Table("PART", "STATE", "DETAIL").keep(0, 1);
                table.row("service", health.path("status").asText("?"), parts(health));
                table.row(
                        "read model",
                        readModel.path("state").asText(problem(readModel)),
                        readModel.has("state") ? describe(readModel) : "");
                table.row(
                        "stream",
                        streamParked.has("parked")
                                ? streamParked.path("parked").size() + " parked"
                                : problem(streamParked),
                        published.has("measurements")
                                ? String.format(
                                        Locale.ROOT,
                                        "%.0f ledger events published since this instance started",
                                        published
                                                .path("measurements")
                                                .path(0)
                                                .path("value")
                                                .asDouble())
                                : "");
                table.row(
                        "read model parked",
                        readModelParked.has("parked")
                                ? readModelParked.path("parked").size() + " parked"
                                : problem(readModelParked),
                        readModelParked.has("parked")
                                ? Render.each(
                                        readModelParked.path("parked"),
                                        p -> "#" + p.path("globalSequence").asText() + " "
                                                + p.path("type").asText())
                                : "");
                if (!"UP".equals(health.path("status").asText())) {
                    table.mark(1);
                }
                table.print(terminal);
            }
            String state = health.path("status").asText();
            return "UP".equals(state) || "DEGRADED".equals(state) ? ExitCode.OK : ExitCode.UNAVAILABLE;
        }

        /** An answer, or the problem Parley answered instead (health answers 503 with its body when down). */
        private static JsonNode orProblem(Supplier<JsonNode> ask) {
            try {
                return ask.get();
            } catch (ApiException refused) {
                if (refused.problem() != null) {
                    return refused.problem();
                }
                ObjectNode problem = Api.JSON.createObjectNode();
                problem.put("status", refused.status());
                problem.put("title", refused.title());
                return problem;
            }
        }

        private static String problem(JsonNode answer) {
            return answer.path("status").asInt() == 403
                    ? "(the operator role may see this)"
                    : answer.path("title").asText("?");
        }

        private static String parts(JsonNode health) {
            StringBuilder parts = new StringBuilder();
            health.path("components").fields().forEachRemaining(component -> parts.append(
                            parts.length() == 0 ? "" : ", ")
                    .append(component.getKey())
                    .append(" ")
                    .append(component.getValue().path("status").asText()));
            return parts.length() == 0 ? "(the components' states need the operator role)" : parts.toString();
        }
    }

    /** A rebuild status in one line. */
    static String describe(JsonNode status) {
        StringBuilder line = new StringBuilder(status.path("state").asText());
        line.append(": ")
                .append(status.path("eventsDone").asLong())
                .append("/")
                .append(status.path("eventsTotal").asLong())
                .append(" events replayed");
        if (status.hasNonNull("eventsPerSecond")) {
            line.append(String.format(
                    Locale.ROOT,
                    " at %.1f events/s",
                    status.path("eventsPerSecond").asDouble()));
        }
        line.append(", ledger position ").append(status.path("ledgerPosition").asLong());
        if (status.has("parked")) {
            line.append(", ").append(status.path("parked").asLong()).append(" parked");
        }
        line.append(" (").append(status.path("reason").asText());
        if (status.hasNonNull("finishedAt")) {
            line.append(", finished ").append(status.path("finishedAt").asText());
        } else if (status.hasNonNull("startedAt")) {
            line.append(", started ").append(status.path("startedAt").asText());
        }
        return line.append(")").toString();
    }
}
