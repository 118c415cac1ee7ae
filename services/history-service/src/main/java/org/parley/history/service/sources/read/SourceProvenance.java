package org.parley.history.service.sources.read;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.parley.history.contract.event.SourceRegistered;
import org.parley.history.contract.value.Anomaly;
import org.parley.history.contract.value.Publication;
import org.parley.history.contract.value.SourceKind;
import org.parley.history.service.readmodel.ReadNotFound;
import org.parley.history.service.readmodel.ReadQuestions;
import org.parley.history.service.readmodel.ReadWindow;
import org.parley.history.service.readmodel.Reported;
import org.parley.history.service.readmodel.TimeBound;
import org.parley.history.service.sources.read.SourceRows.SourceRow;
import org.springframework.stereotype.Service;

/**
 * Question 5: the sources: the provenance graph (which source republishes which, which rests on which), the
 * accounts each source supports, and their anomalies.
 */
@Service
public class SourceProvenance {

    public record SourceQuery(String sourceId, String asOf, String recordedAsOf) {}

    public enum Relation {
        REPUBLICATION_OF,
        RESTS_ON
    }

    /** {@code origins}: the sources this one's reporting comes from once republication and retelling are followed. */
    public record SourceNode(
            String sourceId,
            String title,
            String outlet,
            List<String> authors,
            SourceKind kind,
            Publication publication,
            Reported reported,
            String url,
            String language,
            List<String> origins) {}

    public record ProvenanceEdge(String from, Relation relation, String to) {}

    public record SourceGraphAnswer(
            TimeBound asOf, TimeBound recordedAsOf, List<SourceNode> sources, List<ProvenanceEdge> edges) {}

    public record SupportedAccount(
            String accountId,
            String eventId,
            String eventTitle,
            String summary,
            boolean retracted,
            List<Anomaly> anomalies) {}

    public record SourceAnswer(
            SourceNode source,
            TimeBound asOf,
            TimeBound recordedAsOf,
            List<ProvenanceEdge> provenance,
            List<String> republishedBy,
            List<String> restedOnBy,
            List<SupportedAccount> accounts,
            List<Anomaly> anomalies) {}

    private final ReadQuestions questions;

    private final SourceRows rows;
    private final SupportedAccounts supported;

    SourceProvenance(ReadQuestions questions, SourceRows rows, SupportedAccounts supported) {
        this.questions = questions;
        this.rows = rows;
        this.supported = supported;
    }

    public SourceGraphAnswer graph(String asOf, String recordedAsOf) {
        ReadWindow window = questions.window(asOf, recordedAsOf);
        List<SourceRow> sources = rows.sources(window);
        TreeSet<String> present = new TreeSet<>(
                sources.stream().map(source -> source.registered().sourceId()).toList());
        List<ProvenanceEdge> edges = new ArrayList<>();
        sources.forEach(source -> edges.addAll(edges(source.registered(), present)));
        return new SourceGraphAnswer(
                window.asOf(),
                window.recordedAsOf(),
                sources.stream().map(SourceProvenance::node).toList(),
                edges);
    }

    public SourceAnswer source(SourceQuery query) {
        ReadWindow window = questions.window(query.asOf(), query.recordedAsOf());
        List<SourceRow> all = rows.sources(window);
        SourceRow source = all.stream()
                .filter(row -> row.registered().sourceId().equals(query.sourceId()))
                .findFirst()
                .orElseThrow(() -> new ReadNotFound(
                        "sourceId",
                        "no source '" + query.sourceId() + "' had been published and recorded by the times asked"));
        TreeSet<String> present = new TreeSet<>(
                all.stream().map(row -> row.registered().sourceId()).toList());
        List<String> republishedBy = all.stream()
                .filter(row -> query.sourceId().equals(row.registered().republicationOf()))
                .map(row -> row.registered().sourceId())
                .toList();
        List<String> restedOnBy = all.stream()
                .filter(row -> row.registered().restsOn().contains(query.sourceId()))
                .map(row -> row.registered().sourceId())
                .toList();
        List<SupportedAccount> accounts = supported.of(query.sourceId(), window);
        TreeSet<String> anomalyKeys = new TreeSet<>();
        List<Anomaly> anomalies = new ArrayList<>();
        for (SupportedAccount account : accounts) {
            for (Anomaly anomaly : account.anomalies()) {
                if (anomalyKeys.add(anomaly.kind() + " " + anomaly.detail())) {
                    anomalies.add(anomaly);
                }
            }
        }
        return new SourceAnswer(
                node(source),
                window.asOf(),
                window.recordedAsOf(),
                edges(source.registered(), present),
                republishedBy,
                restedOnBy,
                accounts,
                anomalies);
    }

    private static List<ProvenanceEdge> edges(SourceRegistered source, TreeSet<String> present) {
        List<ProvenanceEdge> edges = new ArrayList<>();
        if (source.republicationOf() != null && present.contains(source.republicationOf())) {
            edges.add(new ProvenanceEdge(source.sourceId(), Relation.REPUBLICATION_OF, source.republicationOf()));
        }
        source.restsOn().stream()
                .filter(present::contains)
                .forEach(basis -> edges.add(new ProvenanceEdge(source.sourceId(), Relation.RESTS_ON, basis)));
        return edges;
    }

    private static SourceNode node(SourceRow row) {
        SourceRegistered source = row.registered();
        return new SourceNode(
                source.sourceId(),
                source.title(),
                source.outlet(),
                source.authors(),
                source.kind(),
                source.publication(),
                new Reported(row.countsFrom(), row.countsFromNote()),
                source.url(),
                source.language(),
                row.origins());
    }
}
