package org.parley.history.service.workbench;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.parley.history.service.events.read.EventHistory;
import org.parley.history.service.events.read.EventHistory.EventHistoryAnswer;
import org.parley.history.service.events.read.EventHistory.EventHistoryQuery;
import org.parley.history.service.narratives.read.NarrativeChangeFeed;
import org.parley.history.service.narratives.read.NarrativeComparison;
import org.parley.history.service.narratives.read.NarrativeComparison.NarrativeComparisonAnswer;
import org.parley.history.service.narratives.read.NarrativeComparison.NarrativeComparisonQuery;
import org.parley.history.service.narratives.read.NarrativeEvolution;
import org.parley.history.service.narratives.read.NarrativeEvolution.NarrativeEvolutionAnswer;
import org.parley.history.service.narratives.read.NarrativeEvolution.NarrativeEvolutionQuery;
import org.parley.history.service.narratives.read.NarrativeEvolution.Step;
import org.parley.history.service.narratives.read.NarrativeTimeline;
import org.parley.history.service.narratives.read.NarrativeTimeline.NarrativeTimelineAnswer;
import org.parley.history.service.narratives.read.NarrativeTimeline.NarrativeTimelineEntry;
import org.parley.history.service.narratives.read.NarrativeTimeline.NarrativeTimelineQuery;
import org.parley.history.service.narratives.read.Narratives;
import org.parley.history.service.readmodel.TimeBound;
import org.parley.history.service.sources.read.SourceProvenance;
import org.parley.history.service.sources.read.SourceProvenance.SourceAnswer;
import org.parley.history.service.sources.read.SourceProvenance.SourceGraphAnswer;
import org.parley.history.service.sources.read.SourceProvenance.SourceNode;
import org.parley.history.service.sources.read.SourceProvenance.SourceQuery;
import org.parley.history.service.web.NarrativeChangeEvents;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The analyst workbench: every view is a page whose URL holds everything it shows (a permalink), asked of the same
 * query services as the REST API. {@code format=csv} or {@code format=json} hands the same view over as a file.
 */
@Controller
class WorkbenchController {

    /**
     * Events per timeline page: the API's default page, so that a page stays a few hundred kilobytes however long
     * the ledger grows (the next ones are a link away).
     */
    private static final int PAGE_EVENTS = 100;

    private final NarrativeTimeline timeline;
    private final EventHistory history;
    private final NarrativeComparison comparison;
    private final NarrativeEvolution evolution;
    private final SourceProvenance sources;
    private final Narratives narratives;
    private final NarrativeChangeFeed changeFeed;
    private final NarrativeChangeEvents changeEvents;
    private final WorkbenchText text;
    private final Exports exports;
    private final ObjectMapper json;
    private final Clock clock;

    WorkbenchController(
            NarrativeTimeline timeline,
            EventHistory history,
            NarrativeComparison comparison,
            NarrativeEvolution evolution,
            SourceProvenance sources,
            Narratives narratives,
            NarrativeChangeFeed changeFeed,
            NarrativeChangeEvents changeEvents,
            WorkbenchText text,
            ObjectMapper json,
            ObjectProvider<Clock> clock) {
        this.timeline = timeline;
        this.history = history;
        this.comparison = comparison;
        this.evolution = evolution;
        this.sources = sources;
        this.narratives = narratives;
        this.changeFeed = changeFeed;
        this.changeEvents = changeEvents;
        this.text = text;
        this.exports = new Exports(text);
        this.json = json;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/signin")
    ModelAndView signIn(
            @RequestParam(required = false) String failed,
            @RequestParam(required = false) Long throttled,
            @RequestParam(required = false) String signedOut) {
        ModelAndView page = new ModelAndView("signin");
        page.addObject("failed", failed != null);
        page.addObject("throttled", throttled);
        page.addObject("signedOut", signedOut != null);
        return page;
    }

    @GetMapping("/")
    ModelAndView narratives(@RequestParam(required = false) String recordedAsOf) {
        ModelAndView page = new ModelAndView("narratives");
        page.addObject("narratives", narratives.list(recordedAsOf));
        page.addObject("today", today());
        return page;
    }

    @GetMapping("/narratives/{narrativeId}")
    ModelAndView timeline(
            @PathVariable String narrativeId,
            @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String recordedAsOf,
            @RequestParam(required = false) String occurredFrom,
            @RequestParam(required = false) String occurredTo,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String source,
            @RequestParam(required = false) String outlet,
            @RequestParam(required = false) String format,
            HttpServletRequest request)
            throws Exception {
        NarrativeTimelineAnswer answer = timeline.answer(new NarrativeTimelineQuery(
                narrativeId, asOf, recordedAsOf, occurredFrom, occurredTo, PAGE_EVENTS, after));
        SourceGraphAnswer graph = everySource(recordedAsOf);
        Map<String, SourceNode> byId = byId(graph);
        List<NarrativeTimelineEntry> shown = answer.entries().stream()
                .filter(entry -> matches(entry, q, source, outlet, byId))
                .toList();
        ModelAndView download =
                download(format, "timeline-" + narrativeId, () -> answer, () -> exports.timeline(answer, shown, byId));
        if (download != null) {
            return download;
        }
        ModelAndView page = view("timeline", request, answer, answer.asOf(), answer.recordedAsOf());
        page.addObject("chart", TimelineChart.of(shown));
        page.addObject("shown", shown.size());
        page.addObject("sources", byId);
        page.addObject(
                "outlets",
                graph.sources().stream()
                        .map(SourceNode::outlet)
                        .filter(name -> name != null && !name.isBlank())
                        .distinct()
                        .sorted()
                        .toList());
        page.addObject("stops", ReportDates.of(graph, day(asOf), today()));
        page.addObject("q", q);
        page.addObject("source", source);
        page.addObject("outlet", outlet);
        page.addObject("occurredFrom", occurredFrom);
        page.addObject("occurredTo", occurredTo);
        page.addObject("nextPage", answer.nextPage() == null ? null : with(request, "after", answer.nextPage()));
        live(page, narrativeId);
        return page;
    }

    @GetMapping("/narratives/{narrativeId}/compare/{otherNarrativeId}")
    ModelAndView comparison(
            @PathVariable String narrativeId,
            @PathVariable String otherNarrativeId,
            @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String recordedAsOf,
            @RequestParam(required = false) String format,
            HttpServletRequest request)
            throws Exception {
        NarrativeComparisonAnswer answer =
                comparison.answer(new NarrativeComparisonQuery(narrativeId, otherNarrativeId, asOf, recordedAsOf));
        ModelAndView download = download(
                format,
                "comparison-" + narrativeId + "-" + otherNarrativeId,
                () -> answer,
                () -> exports.comparison(answer));
        if (download != null) {
            return download;
        }
        SourceGraphAnswer graph = everySource(recordedAsOf);
        ModelAndView page = view("comparison", request, answer, answer.asOf(), answer.recordedAsOf());
        page.addObject("sources", byId(graph));
        page.addObject("stops", ReportDates.of(graph, day(asOf), today()));
        page.addObject("narratives", narratives.list(recordedAsOf));
        Map<String, String> titles = new LinkedHashMap<>();
        answer.onlyLeft().forEach(event -> titles.put(event.eventId(), event.title()));
        answer.onlyRight().forEach(event -> titles.put(event.eventId(), event.title()));
        answer.shared().forEach(event -> titles.put(event.eventId(), event.title()));
        page.addObject("titles", titles);
        return page;
    }

    /** The comparison form's answer: the permalink of the two narratives it names. */
    @GetMapping("/compare")
    ModelAndView compare(
            @RequestParam String left, @RequestParam String right, @RequestParam(required = false) String asOf) {
        UriComponentsBuilder target = UriComponentsBuilder.fromPath("/narratives/{left}/compare/{right}");
        if (asOf != null && !asOf.isBlank()) {
            target.queryParam("asOf", asOf.trim());
        }
        return new ModelAndView(
                "redirect:" + target.buildAndExpand(left, right).encode().toUriString());
    }

    @GetMapping("/narratives/{narrativeId}/evolution")
    ModelAndView evolution(
            @PathVariable String narrativeId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) Step step,
            @RequestParam(required = false) String recordedAsOf,
            @RequestParam(required = false) String format,
            HttpServletRequest request)
            throws Exception {
        NarrativeEvolutionAnswer answer =
                evolution.answer(new NarrativeEvolutionQuery(narrativeId, from, to, step, recordedAsOf));
        ModelAndView download =
                download(format, "evolution-" + narrativeId, () -> answer, () -> exports.evolution(answer));
        if (download != null) {
            return download;
        }
        ModelAndView page = view("evolution", request, answer, answer.to(), answer.recordedAsOf());
        page.addObject("sources", byId(everySource(recordedAsOf)));
        page.addObject("from", from);
        page.addObject("to", to);
        page.addObject("step", step);
        page.addObject("steps", Step.values());
        page.addObject(
                "changes",
                answer.steps().stream().mapToInt(s -> s.changes().size()).sum());
        live(page, narrativeId);
        return page;
    }

    @GetMapping("/events/{eventId}")
    ModelAndView event(
            @PathVariable String eventId,
            @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String recordedAsOf,
            @RequestParam(required = false) String format,
            HttpServletRequest request)
            throws Exception {
        EventHistoryAnswer answer = history.answer(new EventHistoryQuery(eventId, asOf, recordedAsOf));
        ModelAndView download = download(format, "event-" + eventId, () -> answer, () -> exports.history(answer));
        if (download != null) {
            return download;
        }
        ModelAndView page = view("event", request, answer, answer.asOf(), answer.recordedAsOf());
        page.addObject("sources", byId(everySource(recordedAsOf)));
        return page;
    }

    @GetMapping("/sources/{sourceId}")
    ModelAndView source(
            @PathVariable String sourceId,
            @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String recordedAsOf,
            @RequestParam(required = false) String format,
            HttpServletRequest request)
            throws Exception {
        SourceAnswer answer = sources.source(new SourceQuery(sourceId, asOf, recordedAsOf));
        ModelAndView download = download(format, "source-" + sourceId, () -> answer, () -> exports.source(answer));
        if (download != null) {
            return download;
        }
        Map<String, SourceNode> byId = byId(everySource(recordedAsOf));
        ModelAndView page = view("source", request, answer, answer.asOf(), answer.recordedAsOf());
        page.addObject("sources", byId);
        page.addObject("graph", ProvenanceChart.of(answer, byId));
        return page;
    }

    /** The live notice's feed: the narrative's changes after the position the page was drawn at. */
    @GetMapping(path = "/narratives/{narrativeId}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter live(
            @PathVariable String narrativeId,
            @RequestParam(defaultValue = "0") long after,
            @RequestHeader(name = "Last-Event-ID", required = false) Long lastEventId) {
        return changeEvents.open(
                narrativeId,
                lastEventId != null ? lastEventId : after,
                lastEventId != null ? "Last-Event-ID" : "after");
    }

    private void live(ModelAndView page, String narrativeId) {
        changeEvents.requireKnownNarrative(narrativeId);
        page.addObject(
                "live",
                UriComponentsBuilder.fromPath("/narratives/{id}/live")
                        .queryParam("after", changeFeed.head(narrativeId))
                        .buildAndExpand(narrativeId)
                        .toUriString());
    }

    /**
     * A page with what every view holds: the answer, the sentence saying what it is, its permalink and files, and
     * the times as asked (so that links from it ask the same).
     */
    private ModelAndView view(
            String template, HttpServletRequest request, Object answer, TimeBound asOf, TimeBound recordedAsOf) {
        ModelAndView page = new ModelAndView(template);
        page.addObject("answer", answer);
        page.addObject("asOf", request.getParameter("asOf"));
        page.addObject("recordedAsOf", request.getParameter("recordedAsOf"));
        page.addObject("statement", text.statement(asOf, recordedAsOf));
        page.addObject("permalink", permalink(request));
        page.addObject("csv", with(request, "format", "csv"));
        page.addObject("json", with(request, "format", "json"));
        page.addObject("today", today());
        return page;
    }

    /** A file instead of the page, when one is asked for; {@code null} for the page. */
    private ModelAndView download(String format, String name, Supplier<Object> answer, Supplier<Csv> table)
            throws Exception {
        if (format == null || format.isBlank()) {
            return null;
        }
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "json" -> new ModelAndView(Download.json(name, answer.get(), json));
            case "csv" -> new ModelAndView(Download.csv(name, table.get()));
            default -> throw TimeBound.invalid("format", "must be csv or json (or left out, for the page)");
        };
    }

    private static boolean matches(
            NarrativeTimelineEntry entry, String q, String source, String outlet, Map<String, SourceNode> sources) {
        if (q != null
                && !q.isBlank()
                && !entry.title().toLowerCase(Locale.ROOT).contains(q.trim().toLowerCase(Locale.ROOT))) {
            return false;
        }
        if (source != null
                && !source.isBlank()
                && entry.accounts().stream().noneMatch(account -> source.equals(account.sourceId()))) {
            return false;
        }
        return outlet == null
                || outlet.isBlank()
                || entry.accounts().stream().anyMatch(account -> {
                    SourceNode node = sources.get(account.sourceId());
                    return node != null && outlet.equals(node.outlet());
                });
    }

    /**
     * Every source Parley held, whatever the view's as-of: the control's stops are the days on which they came to
     * count, and citations are named by their titles. What the view itself shows is asked as of its own times.
     */
    private SourceGraphAnswer everySource(String recordedAsOf) {
        return sources.graph(null, recordedAsOf);
    }

    private static Map<String, SourceNode> byId(SourceGraphAnswer graph) {
        Map<String, SourceNode> byId = new LinkedHashMap<>();
        graph.sources().forEach(node -> byId.put(node.sourceId(), node));
        return byId;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    /** The asked as-of date, when it is a day (a month, a year or an instant leaves the control between stops). */
    private static LocalDate day(String asOf) {
        if (asOf == null || asOf.trim().length() != 10) {
            return null;
        }
        try {
            return LocalDate.parse(asOf.trim());
        } catch (java.time.format.DateTimeParseException notADay) {
            return null;
        }
    }

    private static String permalink(HttpServletRequest request) {
        return UriComponentsBuilder.fromUriString(request.getRequestURL().toString())
                .query(request.getQueryString())
                .replaceQueryParam("format")
                .build()
                .toUriString();
    }

    private static String with(HttpServletRequest request, String name, Object value) {
        return UriComponentsBuilder.fromPath(request.getRequestURI())
                .query(request.getQueryString())
                .replaceQueryParam(name, value)
                .build()
                .toUriString();
    }
}
