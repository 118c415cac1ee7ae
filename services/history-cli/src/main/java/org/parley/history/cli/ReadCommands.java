package org.parley.history.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The read side's five questions, and the narratives' list. */
final class ReadCommands {

    static final String AS_OF = "What had been reported by then: a date (the end of that day, UTC), month, year or"
            + " instant; default now";
    static final String RECORDED_AS_OF = "As Parley held it at this recorded time (for audit); default now";

    private ReadCommands() {}

    @Command(name = "narratives", description = "The narratives: the built-in all-sources and every one defined.")
    static final class Narratives extends ApiCommand {

        @Option(names = "--recorded-as-of", paramLabel = "TIME", description = RECORDED_AS_OF)
        String recordedAsOf;

        @Override
        int run() {
            Api.Answer answer = api.get("/api/narratives", Api.Query.of().with("recordedAsOf", recordedAsOf));
            if (json) {
                terminal.out.println(answer.body());
                return ExitCode.OK;
            }
            Table table = new Table("NARRATIVE", "TITLE").keep(0);
            answer.json()
                    .forEach(narrative -> table.row(
                            narrative.path("narrativeId").asText(),
                            narrative.path("title").asText()));
            table.print(terminal);
            return ExitCode.OK;
        }
    }

    @Command(
            name = "timeline",
            description = "A narrative's events in occurred order: disputed fields (marked *), how many reports and"
                    + " independent origins support each, its sources and anomalies.")
    static final class Timeline extends ApiCommand {

        @Parameters(paramLabel = "NARRATIVE", description = "A narrative id, or all-sources")
        String narrative;

        @Mixin
        AsOfOptions time;

        @Option(names = "--from", paramLabel = "DATE", description = "Only events that start occurring at or after")
        String from;

        @Option(names = "--to", paramLabel = "DATE", description = "Only events that start occurring by the end of")
        String to;

        @Option(names = "--wide", description = "Every value of every field, with its citations, and the links")
        boolean wide;

        @Option(names = "--limit", paramLabel = "N", description = "At most this many events (default: all)")
        Integer limit;

        @Override
        int run() {
            Table table = new Table(
                            "OCCURRED", "EVENT", "DISPUTED", "REPORTS", "ORIGINS", "SOURCES", "ANOMALIES", "TITLE")
                    .keep(0, 1, 3, 4);
            String after = null;
            int shown = 0;
            boolean headed = false;
            do {
                int pageSize = limit == null ? 500 : Math.min(500, limit - shown);
                Api.Answer answer = api.get(
                        "/api/narratives/" + Api.segment(narrative) + "/timeline",
                        Api.Query.of()
                                .with("asOf", time.asOf)
                                .with("recordedAsOf", time.recordedAsOf)
                                .with("occurredFrom", from)
                                .with("occurredTo", to)
                                .with("limit", pageSize)
                                .with("after", after));
                if (json) {
                    terminal.out.println(answer.body());
                }
                JsonNode page = answer.json();
                if (!json && !headed) {
                    terminal.out.println(terminal.bold(page.path("narrativeId").asText() + ": "
                                    + page.path("title").asText())
                            + "  (as of " + page.path("asOf").path("note").asText()
                            + ")");
                    headed = true;
                }
                for (JsonNode entry : page.path("entries")) {
                    shown++;
                    if (wide && !json) {
                        printWide(entry);
                    } else {
                        table.row(
                                Render.occurred(entry),
                                entry.path("eventId").asText(),
                                Render.texts(entry.path("conflicts")),
                                entry.path("reports").asInt(),
                                entry.path("independentOrigins").asInt(),
                                Render.each(entry.path("accounts"), a -> a.path("sourceId")
                                        .asText()),
                                Render.each(entry.path("anomalies"), a -> a.path("kind")
                                        .asText()),
                                entry.path("title").asText());
                        if (!entry.path("conflicts").isEmpty()) {
                            table.mark(2);
                        }
                    }
                }
                after = page.path("nextPage").asText(null);
            } while (after != null && (limit == null || shown < limit));
            if (!json && !wide) {
                table.print(terminal);
            }
            terminal.message(shown + (shown == 1 ? " event" : " events"));
            return ExitCode.OK;
        }

        private void printWide(JsonNode entry) {
            terminal.out.println();
            terminal.out.println(terminal.bold(Render.occurred(entry) + "  "
                            + entry.path("eventId").asText()) + "  "
                    + entry.path("title").asText() + "  (" + entry.path("kind").asText() + "; "
                    + entry.path("reports").asInt() + " reports, "
                    + entry.path("independentOrigins").asInt()
                    + " independent origins)");
            Table fields = new Table("FIELD", "STATUS", "VALUE", "CITED").keep(0, 1);
            Iterator<Map.Entry<String, JsonNode>> each = entry.path("fields").fields();
            while (each.hasNext()) {
                Map.Entry<String, JsonNode> field = each.next();
                boolean disputed =
                        "DISPUTED".equals(field.getValue().path("status").asText());
                boolean first = true;
                for (JsonNode value : field.getValue().path("values")) {
                    fields.row(
                            first ? field.getKey() : "",
                            first ? field.getValue().path("status").asText() : "",
                            Render.value(value.path("value")),
                            Render.each(value.path("citations"), Render::citation));
                    if (first && disputed) {
                        fields.mark(0);
                    }
                    first = false;
                }
            }
            fields.print(terminal);
            for (JsonNode link : entry.path("links")) {
                terminal.out.println("  link: " + link.path("from").asText() + " "
                        + link.path("relation").asText() + " " + link.path("to").asText() + "  ("
                        + Render.citation(link.path("citation")) + ")");
            }
            for (JsonNode anomaly : entry.path("anomalies")) {
                terminal.out.println("  anomaly: " + anomaly.path("kind").asText() + ": "
                        + anomaly.path("detail").asText());
            }
            for (JsonNode account : entry.path("accounts")) {
                terminal.out.println("  account: " + account.path("accountId").asText() + "  counts from "
                        + Render.time(account.path("citation").path("reported").path("countsFrom")) + " ("
                        + account.path("citation").path("reported").path("note").asText() + ")");
            }
        }
    }

    @Command(
            name = "compare",
            description = "Two narratives side by side: events only in one, shared events field by field (AGREED,"
                    + " DISAGREED, ONLY_LEFT, ONLY_RIGHT), and the links only one side asserts.")
    static final class Compare extends ApiCommand {

        @Parameters(index = "0", paramLabel = "A", description = "A narrative id (the left side)")
        String left;

        @Parameters(index = "1", paramLabel = "B", description = "The other narrative (the right side)")
        String right;

        @Mixin
        AsOfOptions time;

        @Override
        int run() {
            Api.Answer answer = api.get(
                    "/api/narratives/" + Api.segment(left) + "/comparison",
                    Api.Query.of().with("with", right).with("asOf", time.asOf).with("recordedAsOf", time.recordedAsOf));
            if (json) {
                terminal.out.println(answer.body());
                return ExitCode.OK;
            }
            JsonNode comparison = answer.json();
            String a = comparison.path("left").path("narrativeId").asText();
            String b = comparison.path("right").path("narrativeId").asText();
            terminal.out.println("as of " + comparison.path("asOf").path("note").asText());
            events("only in " + a, comparison.path("onlyLeft"));
            events("only in " + b, comparison.path("onlyRight"));
            heading("shared", comparison.path("shared").size());
            Table shared = new Table("EVENT", "DISAGREED", "ONLY IN " + a, "ONLY IN " + b, "AGREED").keep(0);
            for (JsonNode event : comparison.path("shared")) {
                shared.row(
                        event.path("eventId").asText(),
                        fields(event, "DISAGREED"),
                        fields(event, "ONLY_LEFT"),
                        fields(event, "ONLY_RIGHT"),
                        fields(event, "AGREED"));
                if (event.path("differs").asBoolean()) {
                    shared.mark(0);
                }
            }
            shared.print(terminal);
            links("links only in " + a, comparison.path("links").path("onlyLeft"));
            links("links only in " + b, comparison.path("links").path("onlyRight"));
            return ExitCode.OK;
        }

        private void heading(String what, int count) {
            terminal.out.println();
            terminal.out.println(terminal.bold(what + " (" + count + ")"));
        }

        private void events(String what, JsonNode events) {
            heading(what, events.size());
            Table table = new Table("OCCURRED", "EVENT", "REPORTS", "TITLE").keep(0, 1, 2);
            events.forEach(event -> table.row(
                    Render.time(event.path("occurredStart")).replaceFirst("T00:00:00Z$", ""),
                    event.path("eventId").asText(),
                    event.path("reports").asInt(),
                    event.path("title").asText()));
            table.print(terminal);
        }

        private void links(String what, JsonNode links) {
            heading(what, links.size());
            Table table = new Table("FROM", "RELATION", "TO", "CITED").keep(0, 1, 2);
            links.forEach(link -> table.row(
                    link.path("from").asText(),
                    link.path("relation").asText(),
                    link.path("to").asText(),
                    Render.citation(link.path("citation"))));
            table.print(terminal);
        }

        private static String fields(JsonNode event, String verdict) {
            StringBuilder names = new StringBuilder();
            event.path("fields").fields().forEachRemaining(field -> {
                if (verdict.equals(field.getValue().path("comparison").asText())) {
                    names.append(names.length() == 0 ? "" : ", ").append(field.getKey());
                }
            });
            return names.toString();
        }
    }

    @Command(
            name = "evolution",
            description = "How a narrative changed between two reported dates (FROM exclusive, TO inclusive): each"
                    + " change with the report that caused it.")
    static final class Evolution extends ApiCommand {

        @Parameters(paramLabel = "NARRATIVE", description = "A narrative id, or all-sources")
        String narrative;

        @Option(names = "--from", paramLabel = "DATE", description = "Start (exclusive): date, month, year or instant")
        String from;

        @Option(names = "--to", paramLabel = "DATE", description = "End (inclusive); default now")
        String to;

        @Option(names = "--step", paramLabel = "STEP", description = "WEEK, MONTH or YEAR; default one step")
        String step;

        @Option(names = "--recorded-as-of", paramLabel = "TIME", description = RECORDED_AS_OF)
        String recordedAsOf;

        @Override
        int run() {
            Api.Answer answer = api.get(
                    "/api/narratives/" + Api.segment(narrative) + "/evolution",
                    Api.Query.of()
                            .with("from", from)
                            .with("to", to)
                            .with("step", step)
                            .with("recordedAsOf", recordedAsOf));
            if (json) {
                terminal.out.println(answer.body());
                return ExitCode.OK;
            }
            JsonNode evolution = answer.json();
            terminal.out.println(terminal.bold(evolution.path("narrativeId").asText() + ": "
                            + evolution.path("title").asText())
                    + "  (" + evolution.path("eventsAtStart").asInt()
                    + " events at the start, " + evolution.path("eventsAtEnd").asInt() + " at the end)");
            for (JsonNode step : evolution.path("steps")) {
                terminal.out.println();
                terminal.out.println(
                        terminal.bold(Render.time(step.path("from")) + " .. " + Render.time(step.path("to")) + " ("
                                + step.path("changes").size() + " changes)"));
                Table table = new Table("REPORTED", "CHANGE", "EVENT", "FIELD", "CAUSED BY").keep(0, 1, 2, 3);
                step.path("changes")
                        .forEach(change -> table.row(
                                Render.time(change.path("reported")),
                                change.path("change").asText(),
                                change.path("eventId").asText(),
                                change.path("field").asText(""),
                                Render.each(change.path("causes"), Render::citation)));
                if (!table.isEmpty()) {
                    table.print(terminal);
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(
            name = "history",
            description = "Every account, correction, retraction and link about one event, in reported order (or in"
                    + " recorded order).")
    static final class History extends ApiCommand {

        @Parameters(paramLabel = "EVENT", description = "A diplomatic event's id")
        String event;

        @Mixin
        AsOfOptions time;

        @Option(names = "--recorded-order", description = "In the order Parley recorded them")
        boolean recordedOrder;

        @Override
        int run() {
            Api.Answer answer = api.get(
                    "/api/events/" + Api.segment(event) + "/history",
                    Api.Query.of().with("asOf", time.asOf).with("recordedAsOf", time.recordedAsOf));
            if (json) {
                terminal.out.println(answer.body());
                return ExitCode.OK;
            }
            JsonNode history = answer.json();
            terminal.out.println(terminal.bold(history.path("eventId").asText() + ": "
                            + history.path("title").asText())
                    + "  (" + history.path("kind").asText() + ", reported by "
                    + Render.citation(history.path("citation")) + ")");
            Table table = new Table("COUNTS FROM", "RECORDED", "WHAT", "SOURCE", "DETAIL").keep(0, 2);
            for (JsonNode entry : history.path(recordedOrder ? "inRecordedOrder" : "inReportedOrder")) {
                table.row(
                        Render.time(entry.path("reported").path("countsFrom")),
                        entry.path("recordedAt").asText(),
                        entry.path("kind").asText(),
                        Render.citation(entry.path("citation")),
                        detail(entry));
            }
            table.print(terminal);
            return ExitCode.OK;
        }

        private static String detail(JsonNode entry) {
            if (entry.hasNonNull("linkFrom")) {
                return entry.path("linkFrom").asText() + " "
                        + entry.path("relation").asText() + " "
                        + entry.path("linkTo").asText();
            }
            if (entry.hasNonNull("reason")) {
                return entry.path("reason").asText();
            }
            JsonNode claims = entry.path("claims");
            return claims.hasNonNull("summary") ? claims.path("summary").asText() : Render.value(claims);
        }
    }

    @Command(
            name = "source",
            description = "A source: its publication and from when it counts, its provenance (republications, what it"
                    + " rests on, its origins) and the accounts it supports.")
    static final class Source extends ApiCommand {

        @Parameters(paramLabel = "SOURCE", description = "A source's id")
        String source;

        @Mixin
        AsOfOptions time;

        @Override
        int run() {
            Api.Answer answer = api.get(
                    "/api/sources/" + Api.segment(source),
                    Api.Query.of().with("asOf", time.asOf).with("recordedAsOf", time.recordedAsOf));
            if (json) {
                terminal.out.println(answer.body());
                return ExitCode.OK;
            }
            JsonNode answered = answer.json();
            JsonNode about = answered.path("source");
            terminal.out.println(terminal.bold(
                    about.path("sourceId").asText() + ": " + about.path("title").asText()));
            line("outlet", about.path("outlet").asText(""));
            line("authors", Render.texts(about.path("authors")));
            line("kind", about.path("kind").asText(""));
            line("language", about.path("language").asText(""));
            line(
                    "counts from",
                    Render.time(about.path("reported").path("countsFrom")) + " ("
                            + about.path("reported").path("note").asText() + ")");
            line("origins", Render.texts(about.path("origins")));
            line("republished by", Render.texts(answered.path("republishedBy")));
            line("rested on by", Render.texts(answered.path("restedOnBy")));
            terminal.out.println();
            Table provenance = new Table("FROM", "RELATION", "TO").keep(0, 1, 2);
            answered.path("provenance")
                    .forEach(edge -> provenance.row(
                            edge.path("from").asText(),
                            edge.path("relation").asText(),
                            edge.path("to").asText()));
            if (!provenance.isEmpty()) {
                provenance.print(terminal);
                terminal.out.println();
            }
            Table accounts = new Table("ACCOUNT", "EVENT", "RETRACTED", "ANOMALIES", "SUMMARY").keep(0, 1);
            for (JsonNode account : answered.path("accounts")) {
                accounts.row(
                        account.path("accountId").asText(),
                        account.path("eventId").asText(),
                        account.path("retracted").asBoolean() ? "yes" : "",
                        Render.each(
                                account.path("anomalies"), a -> a.path("kind").asText()),
                        account.path("summary").asText(""));
            }
            accounts.print(terminal);
            return ExitCode.OK;
        }

        private void line(String label, String value) {
            if (!value.isBlank()) {
                terminal.out.println(String.format("%-15s %s", label + ":", value));
            }
        }
    }

    /** The two times every question takes, declared once for the commands that ask one. */
    static final class AsOfOptions {

        @Option(names = "--as-of", paramLabel = "DATE", description = AS_OF)
        String asOf;

        @Option(names = "--recorded-as-of", paramLabel = "TIME", description = RECORDED_AS_OF)
        String recordedAsOf;
    }
}
