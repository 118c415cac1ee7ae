package org.parley.history.service.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.parley.history.service.events.read.EventHistory;
import org.parley.history.service.events.read.EventHistory.EventHistoryAnswer;
import org.parley.history.service.events.read.EventHistory.EventHistoryQuery;
import org.parley.history.service.narratives.read.NarrativeChangeFeed;
import org.parley.history.service.narratives.read.NarrativeChangeFeed.NarrativeChangePage;
import org.parley.history.service.narratives.read.NarrativeComparison;
import org.parley.history.service.narratives.read.NarrativeComparison.NarrativeComparisonAnswer;
import org.parley.history.service.narratives.read.NarrativeComparison.NarrativeComparisonQuery;
import org.parley.history.service.narratives.read.NarrativeEvolution;
import org.parley.history.service.narratives.read.NarrativeEvolution.NarrativeEvolutionAnswer;
import org.parley.history.service.narratives.read.NarrativeEvolution.NarrativeEvolutionQuery;
import org.parley.history.service.narratives.read.NarrativeEvolution.Step;
import org.parley.history.service.narratives.read.NarrativeTimeline;
import org.parley.history.service.narratives.read.NarrativeTimeline.NarrativeTimelineAnswer;
import org.parley.history.service.narratives.read.NarrativeTimeline.NarrativeTimelineQuery;
import org.parley.history.service.narratives.read.Narratives;
import org.parley.history.service.narratives.read.Narratives.NarrativeSummary;
import org.parley.history.service.sources.read.SourceProvenance;
import org.parley.history.service.sources.read.SourceProvenance.SourceAnswer;
import org.parley.history.service.sources.read.SourceProvenance.SourceGraphAnswer;
import org.parley.history.service.sources.read.SourceProvenance.SourceQuery;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The analysts' questions. Every one takes {@code asOf} (what had been reported by then: a date means the end of
 * that day, UTC) and {@code recordedAsOf} (what Parley itself held then); both default to now and may not be later.
 */
@RestController
@Tag(name = "read: narratives, events, sources", description = "What had been reported by a date, and by whom")
class ReadController {

    private static final String AS_OF = "What had been reported by then: yyyy-MM-dd (end of that day, UTC), yyyy-MM,"
            + " yyyy or an instant; default now";
    private static final String RECORDED_AS_OF =
            "What Parley had recorded by then (audit): same forms as asOf; default now";

    private final NarrativeTimeline timeline;
    private final EventHistory history;
    private final NarrativeComparison comparison;
    private final NarrativeEvolution evolution;
    private final SourceProvenance sources;
    private final Narratives narratives;
    private final NarrativeChangeFeed changeFeed;
    private final NarrativeChangeEvents events;

    ReadController(
            NarrativeTimeline timeline,
            EventHistory history,
            NarrativeComparison comparison,
            NarrativeEvolution evolution,
            SourceProvenance sources,
            Narratives narratives,
            NarrativeChangeFeed changeFeed,
            NarrativeChangeEvents events) {
        this.timeline = timeline;
        this.history = history;
        this.comparison = comparison;
        this.evolution = evolution;
        this.sources = sources;
        this.narratives = narratives;
        this.changeFeed = changeFeed;
        this.events = events;
    }

    @GetMapping("/api/narratives")
    @Operation(summary = "The narratives, all-sources first")
    List<NarrativeSummary> narratives(
            @Parameter(description = RECORDED_AS_OF) @RequestParam(required = false) String recordedAsOf) {
        return narratives.list(recordedAsOf);
    }

    @GetMapping("/api/narratives/{narrativeId}/timeline")
    @Operation(
            summary = "A narrative's events in occurred order, as of a date",
            description = "Each event with its fields as the narrative's accounts give them (every value where they"
                    + " disagree, with citations), conflicts, links, anomalies, reports and independent origins."
                    + " Events whose occurred ranges overlap are marked, since their order is not known. Paged:"
                    + " pass nextPage as after.")
    NarrativeTimelineAnswer timeline(
            @Parameter(description = "A narrative id, or all-sources") @PathVariable String narrativeId,
            @Parameter(description = AS_OF) @RequestParam(required = false) String asOf,
            @Parameter(description = RECORDED_AS_OF) @RequestParam(required = false) String recordedAsOf,
            @Parameter(
                            description = "Only events whose earliest occurred start is at or after this (date, month,"
                                    + " year or instant)")
                    @RequestParam(required = false)
                    String occurredFrom,
            @Parameter(description = "Only events whose earliest occurred start is before the end of this")
                    @RequestParam(required = false)
                    String occurredTo,
            @Parameter(description = "Events per page (1 to 500)") @RequestParam(defaultValue = "100") int limit,
            @Parameter(description = "The nextPage of the previous page") @RequestParam(required = false)
                    String after) {
        RequestMetadata.requireId(narrativeId, "narrativeId");
        return timeline.answer(
                new NarrativeTimelineQuery(narrativeId, asOf, recordedAsOf, occurredFrom, occurredTo, limit, after));
    }

    @GetMapping("/api/events/{eventId}/history")
    @Operation(
            summary = "Every account, correction, retraction and link about one event, in reported and in"
                    + " recorded order",
            description = "Also the editors' flags of its accounts (ACCOUNT_FLAGGED, FLAG_CORRECTED, FLAG_RETRACTED)"
                    + " and, when there are any, the anomalies of the accounts in force: PUBLISHED_BEFORE_OCCURRED,"
                    + " UNDATED_SOURCE, DESCRIBES_LATER_EVENT (another account dates the event after this account's"
                    + " source was published) and EDITORIAL_FLAG.")
    EventHistoryAnswer history(
            @PathVariable String eventId,
            @Parameter(description = AS_OF) @RequestParam(required = false) String asOf,
            @Parameter(description = RECORDED_AS_OF) @RequestParam(required = false) String recordedAsOf) {
        RequestMetadata.requireId(eventId, "eventId");
        return history.answer(new EventHistoryQuery(eventId, asOf, recordedAsOf));
    }

    @GetMapping("/api/narratives/{narrativeId}/comparison")
    @Operation(
            summary = "Two narratives side by side as of a date",
            description = "Events only in one, events in both with each field agreed, disagreed or asserted by one"
                    + " side only (with both sides' citations), and links only one side asserts.")
    NarrativeComparisonAnswer comparison(
            @PathVariable String narrativeId,
            @Parameter(description = "The other narrative") @RequestParam String with,
            @Parameter(description = AS_OF) @RequestParam(required = false) String asOf,
            @Parameter(description = RECORDED_AS_OF) @RequestParam(required = false) String recordedAsOf) {
        RequestMetadata.requireId(narrativeId, "narrativeId");
        RequestMetadata.requireId(with, "with");
        return comparison.answer(new NarrativeComparisonQuery(narrativeId, with, asOf, recordedAsOf));
    }

    @GetMapping("/api/narratives/{narrativeId}/evolution")
    @Operation(
            summary = "How a narrative changed between two reported dates",
            description = "Events that appeared, fields that changed or became disputed, links added or dropped,"
                    + " corrections and retractions, each dated by the report that caused it; optionally in"
                    + " steps of a week, a month or a year.")
    NarrativeEvolutionAnswer evolution(
            @PathVariable String narrativeId,
            @Parameter(description = "Start (exclusive): date, month, year or instant") @RequestParam(required = false)
                    String from,
            @Parameter(description = "End (inclusive); default now") @RequestParam(required = false) String to,
            @Parameter(description = "WEEK, MONTH or YEAR; default one step") @RequestParam(required = false) Step step,
            @Parameter(description = RECORDED_AS_OF) @RequestParam(required = false) String recordedAsOf) {
        RequestMetadata.requireId(narrativeId, "narrativeId");
        return evolution.answer(new NarrativeEvolutionQuery(narrativeId, from, to, step, recordedAsOf));
    }

    @GetMapping(path = "/api/narratives/{narrativeId}/changes", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "What changed in a narrative, as each ledger event was read (the narrative stream, polled)",
            description = "In the order found; pass nextPage as after. The same changes go to the Kafka topic"
                    + " parley.narratives.v1. Ask with Accept: text/event-stream to have them pushed instead.")
    NarrativeChangePage changes(
            @Parameter(description = "A narrative id, or all-sources") @PathVariable String narrativeId,
            @Parameter(description = "Changes after this feed position") @RequestParam(defaultValue = "0") long after,
            @Parameter(description = "At most this many (1 to 1000)") @RequestParam(defaultValue = "100") int limit) {
        events.requireKnownNarrative(narrativeId);
        return changeFeed.after(narrativeId, after, limit);
    }

    @GetMapping(path = "/api/narratives/{narrativeId}/changes", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(
            summary = "What changes in a narrative, pushed as server-sent events while the connection is open",
            description = "Each event is named narrative-change, its id is the feed position and its data one entry"
                    + " of the polled form. The changes after Last-Event-ID (or after) come first, then each new one"
                    + " as it is found; a client that reconnects with the last id it saw misses nothing. A comment"
                    + " line keeps a quiet connection open.")
    SseEmitter pushedChanges(
            @Parameter(description = "A narrative id, or all-sources") @PathVariable String narrativeId,
            @Parameter(description = "Changes after this feed position") @RequestParam(defaultValue = "0") long after,
            @Parameter(description = "The last feed position this client saw; wins over after")
                    @RequestHeader(name = "Last-Event-ID", required = false)
                    Long lastEventId) {
        return events.open(
                narrativeId,
                lastEventId != null ? lastEventId : after,
                lastEventId != null ? "Last-Event-ID" : "after");
    }

    @GetMapping("/api/sources")
    @Operation(summary = "The provenance graph: sources, what each republishes or rests on, and their origins")
    SourceGraphAnswer sources(
            @Parameter(description = AS_OF) @RequestParam(required = false) String asOf,
            @Parameter(description = RECORDED_AS_OF) @RequestParam(required = false) String recordedAsOf) {
        return sources.graph(asOf, recordedAsOf);
    }

    @GetMapping("/api/sources/{sourceId}")
    @Operation(summary = "One source: its provenance, the accounts it supports, their anomalies")
    SourceAnswer source(
            @PathVariable String sourceId,
            @Parameter(description = AS_OF) @RequestParam(required = false) String asOf,
            @Parameter(description = RECORDED_AS_OF) @RequestParam(required = false) String recordedAsOf) {
        RequestMetadata.requireId(sourceId, "sourceId");
        return sources.source(new SourceQuery(sourceId, asOf, recordedAsOf));
    }
}
