package org.parley.history.service.workbench;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.parley.history.contract.value.Anomaly;
import org.parley.history.service.events.read.EventHistory.EventHistoryAnswer;
import org.parley.history.service.events.read.EventHistory.EventHistoryEntry;
import org.parley.history.service.events.read.ReadViews.CitationView;
import org.parley.history.service.events.read.ReadViews.FieldView;
import org.parley.history.service.events.read.ReadViews.ValueView;
import org.parley.history.service.narratives.read.NarrativeComparison.EventMention;
import org.parley.history.service.narratives.read.NarrativeComparison.FieldComparison;
import org.parley.history.service.narratives.read.NarrativeComparison.NarrativeComparisonAnswer;
import org.parley.history.service.narratives.read.NarrativeComparison.SharedEvent;
import org.parley.history.service.narratives.read.NarrativeEvolution.EvolutionStep;
import org.parley.history.service.narratives.read.NarrativeEvolution.NarrativeChange;
import org.parley.history.service.narratives.read.NarrativeEvolution.NarrativeEvolutionAnswer;
import org.parley.history.service.narratives.read.NarrativeTimeline.NarrativeTimelineAnswer;
import org.parley.history.service.narratives.read.NarrativeTimeline.NarrativeTimelineEntry;
import org.parley.history.service.readmodel.TimeBound;
import org.parley.history.service.sources.read.SourceProvenance.SourceAnswer;
import org.parley.history.service.sources.read.SourceProvenance.SourceNode;
import org.parley.history.service.sources.read.SourceProvenance.SupportedAccount;

/**
 * Each view as the rows of a spreadsheet: one row per cited value (or change, or fact), with the view's as-of times
 * on every row, so that a row copied elsewhere still says what it was true of.
 */
final class Exports {

    private final WorkbenchText text;

    Exports(WorkbenchText text) {
        this.text = text;
    }

    Csv timeline(NarrativeTimelineAnswer answer, List<NarrativeTimelineEntry> shown, Map<String, SourceNode> sources) {
        Csv csv = new Csv(
                "as_reported_by",
                "as_recorded_by",
                "narrative_id",
                "event_id",
                "event_title",
                "kind",
                "occurred_start",
                "occurred_end",
                "order_unknown_among",
                "field",
                "status",
                "value",
                "source_id",
                "source_title",
                "locator",
                "quote",
                "reports",
                "independent_origins",
                "anomalies");
        for (NarrativeTimelineEntry entry : shown) {
            String anomalies = entry.anomalies().stream()
                    .map(anomaly -> anomaly.sourceId() + ": " + text.anomaly(anomaly.kind()))
                    .collect(Collectors.joining("; "));
            for (Map.Entry<String, FieldView> field : entry.fields().entrySet()) {
                for (ValueView value : field.getValue().values()) {
                    for (CitationView citation : value.citations()) {
                        SourceNode source = sources.get(citation.sourceId());
                        csv.row(
                                bound(answer.asOf()),
                                bound(answer.recordedAsOf()),
                                answer.narrativeId(),
                                entry.eventId(),
                                entry.title(),
                                entry.kind(),
                                entry.occurredStart(),
                                entry.occurredEnd(),
                                entry.overlapGroup(),
                                field.getKey(),
                                field.getValue().status(),
                                text.value(value.value()),
                                citation.sourceId(),
                                source == null ? "" : source.title(),
                                citation.locator(),
                                citation.quote(),
                                entry.reports(),
                                entry.independentOrigins(),
                                anomalies);
                    }
                }
            }
        }
        return csv;
    }

    Csv comparison(NarrativeComparisonAnswer answer) {
        Csv csv = new Csv(
                "as_reported_by",
                "as_recorded_by",
                "left",
                "right",
                "event_id",
                "event_title",
                "field",
                "comparison",
                "left_values",
                "right_values",
                "left_citations",
                "right_citations");
        for (boolean left : new boolean[] {true, false}) {
            for (EventMention event : left ? answer.onlyLeft() : answer.onlyRight()) {
                csv.row(
                        bound(answer.asOf()),
                        bound(answer.recordedAsOf()),
                        answer.left().narrativeId(),
                        answer.right().narrativeId(),
                        event.eventId(),
                        event.title(),
                        "",
                        left ? "EVENT_ONLY_LEFT" : "EVENT_ONLY_RIGHT",
                        "",
                        "",
                        "",
                        "");
            }
        }
        for (SharedEvent event : answer.shared()) {
            for (Map.Entry<String, FieldComparison> field : event.fields().entrySet()) {
                FieldComparison comparison = field.getValue();
                csv.row(
                        bound(answer.asOf()),
                        bound(answer.recordedAsOf()),
                        answer.left().narrativeId(),
                        answer.right().narrativeId(),
                        event.eventId(),
                        event.title(),
                        field.getKey(),
                        comparison.comparison(),
                        values(comparison.left()),
                        values(comparison.right()),
                        citations(comparison.left()),
                        citations(comparison.right()));
            }
        }
        return csv;
    }

    Csv evolution(NarrativeEvolutionAnswer answer) {
        Csv csv = new Csv(
                "from_reported",
                "to_reported",
                "as_recorded_by",
                "narrative_id",
                "step_from",
                "step_to",
                "reported",
                "change",
                "event_id",
                "event_title",
                "field",
                "diff",
                "caused_by");
        for (EvolutionStep step : answer.steps()) {
            for (NarrativeChange change : step.changes()) {
                csv.row(
                        bound(answer.from()),
                        bound(answer.to()),
                        bound(answer.recordedAsOf()),
                        answer.narrativeId(),
                        step.from(),
                        step.to(),
                        change.reported(),
                        change.change(),
                        change.eventId(),
                        change.eventTitle(),
                        change.field(),
                        text.change(change),
                        cited(change.causes()));
            }
        }
        return csv;
    }

    Csv history(EventHistoryAnswer answer) {
        Csv csv = new Csv(
                "as_reported_by",
                "as_recorded_by",
                "event_id",
                "order",
                "kind",
                "fact_id",
                "account_id",
                "source_id",
                "locator",
                "reason",
                "counts_from",
                "recorded_at",
                "recorded_by",
                "ledger_sequence");
        history(csv, answer, "reported", answer.inReportedOrder());
        history(csv, answer, "recorded", answer.inRecordedOrder());
        return csv;
    }

    private static void history(Csv csv, EventHistoryAnswer answer, String order, List<EventHistoryEntry> entries) {
        for (EventHistoryEntry entry : entries) {
            csv.row(
                    bound(answer.asOf()),
                    bound(answer.recordedAsOf()),
                    answer.eventId(),
                    order,
                    entry.kind(),
                    entry.id(),
                    entry.accountId(),
                    entry.citation() == null ? "" : entry.citation().sourceId(),
                    entry.citation() == null ? "" : entry.citation().locator(),
                    entry.reason(),
                    entry.reported() == null ? "" : entry.reported().countsFrom(),
                    entry.recordedAt(),
                    entry.recordedBy(),
                    entry.ledgerSequence());
        }
    }

    Csv source(SourceAnswer answer) {
        Csv csv = new Csv(
                "as_reported_by",
                "as_recorded_by",
                "source_id",
                "source_title",
                "account_id",
                "event_id",
                "event_title",
                "summary",
                "retracted",
                "anomalies");
        for (SupportedAccount account : answer.accounts()) {
            csv.row(
                    bound(answer.asOf()),
                    bound(answer.recordedAsOf()),
                    answer.source().sourceId(),
                    answer.source().title(),
                    account.accountId(),
                    account.eventId(),
                    account.eventTitle(),
                    account.summary(),
                    account.retracted(),
                    account.anomalies().stream()
                            .map(Anomaly::kind)
                            .map(text::anomaly)
                            .collect(Collectors.joining("; ")));
        }
        return csv;
    }

    /** What the view is true of: the asked bound and the instant it was read as, so the file says both. */
    private static String bound(TimeBound bound) {
        return bound == null ? "" : bound.requested() == null ? "now (" + bound.until() + ")" : bound.requested();
    }

    private String values(FieldView field) {
        return field == null
                ? ""
                : field.values().stream()
                        .map(value -> text.value(value.value()))
                        .collect(Collectors.joining(" | "));
    }

    private static String citations(FieldView field) {
        return field == null
                ? ""
                : cited(field.values().stream()
                        .flatMap(value -> value.citations().stream())
                        .toList());
    }

    private static String cited(List<CitationView> citations) {
        return citations == null
                ? ""
                : citations.stream()
                        .map(citation -> citation.sourceId() + " (" + citation.locator() + ")")
                        .distinct()
                        .collect(Collectors.joining("; "));
    }
}
