package org.parley.history.service.narratives.read;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.parley.history.contract.change.NarrativeChangeKind;
import org.parley.history.service.events.read.AccountRows;
import org.parley.history.service.events.read.AccountRows.EventRow;
import org.parley.history.service.events.read.AccountRows.FactRow;
import org.parley.history.service.events.read.AccountRows.LinkRow;
import org.parley.history.service.events.read.AccountRows.VersionRow;
import org.parley.history.service.events.read.EventPictures;
import org.parley.history.service.events.read.EventPictures.EventPicture;
import org.parley.history.service.events.read.ReadViews.CitationView;
import org.parley.history.service.events.read.ReadViews.LinkView;
import org.parley.history.service.readmodel.ReadQuestions;
import org.parley.history.service.readmodel.TimeBound;
import org.springframework.stereotype.Service;

/**
 * Question 4: how one narrative changed between two reported dates: events that appeared, fields whose value
 * changed or became disputed, links added or dropped, accounts corrected or retracted. Each change is dated by the
 * moment the report that caused it counts from, and cites that report.
 */
@Service
public class NarrativeEvolution {

    static final int MAX_STEPS = 1000;

    public enum Step {
        WEEK,
        MONTH,
        YEAR
    }

    public record NarrativeEvolutionQuery(String narrativeId, String from, String to, Step step, String recordedAsOf) {}

    /** One change, dated by the report that caused it, with that report's citations. */
    public record NarrativeChange(
            Instant reported,
            NarrativeChangeKind change,
            String eventId,
            String eventTitle,
            String field,
            List<Object> before,
            List<Object> after,
            String accountId,
            LinkView link,
            List<CitationView> causes) {}

    public record EvolutionStep(Instant from, Instant to, List<NarrativeChange> changes) {}

    public record NarrativeEvolutionAnswer(
            String narrativeId,
            String title,
            TimeBound from,
            TimeBound to,
            Step step,
            TimeBound recordedAsOf,
            int eventsAtStart,
            int eventsAtEnd,
            List<EvolutionStep> steps) {}

    private final ReadQuestions questions;
    private final EventPictures pictures;

    private final AccountRows rows;
    private final NarrativeRows narratives;

    NarrativeEvolution(ReadQuestions questions, AccountRows rows, NarrativeRows narratives, EventPictures pictures) {
        this.questions = questions;
        this.rows = rows;
        this.narratives = narratives;
        this.pictures = pictures;
    }

    public NarrativeEvolutionAnswer answer(NarrativeEvolutionQuery query) {
        if (query.from() == null || query.from().isBlank()) {
            throw TimeBound.invalid("from", "is required: the reported date the evolution starts from");
        }
        TimeBound from = questions.time("from", query.from());
        TimeBound to = questions.time("to", query.to());
        TimeBound recordedAsOf = questions.time("recordedAsOf", query.recordedAsOf());
        if (!to.until().isAfter(from.until())) {
            throw TimeBound.invalid("to", "must be later than from");
        }
        List<Instant> boundaries = boundaries(from.until(), to.until(), query.step());
        questions.requireAnswering();
        NarrativeLens lens = narratives.require("narrativeId", query.narrativeId(), recordedAsOf);

        List<VersionRow> versions = rows.inForceBetween(lens, recordedAsOf, from.until(), to.until());
        AccountRows.Material material = rows.material(versions);
        Map<String, List<VersionRow>> byEvent = new TreeMap<>();
        versions.forEach(version -> byEvent.computeIfAbsent(version.eventId(), id -> new ArrayList<>())
                .add(version));
        List<LinkRow> links = rows.linksUntil(lens, recordedAsOf, to.until());
        Map<String, FactRow> retractions = rows.retractions(
                links.stream().map(LinkRow::accountId).filter(Objects::nonNull).toList(), recordedAsOf);

        TreeMap<Instant, List<NarrativeChange>> changesAt = new TreeMap<>();
        TreeSet<Instant> moments = new TreeSet<>();
        versions.stream()
                .map(VersionRow::reportedFrom)
                .filter(at -> at.isAfter(from.until()) && !at.isAfter(to.until()))
                .forEach(moments::add);

        Map<String, EventPicture> current = new HashMap<>();
        byEvent.forEach((eventId, rowsOfEvent) -> {
            EventPicture picture = pictureAt(eventId, rowsOfEvent, from.until(), material);
            if (picture != null) {
                current.put(eventId, picture);
            }
        });
        int eventsAtStart = current.size();
        Map<String, EventRow> events = rows.events(byEvent.keySet());
        for (Instant at : moments) {
            List<NarrativeChange> changes = changesAt.computeIfAbsent(at, key -> new ArrayList<>());
            for (Map.Entry<String, List<VersionRow>> event : byEvent.entrySet()) {
                List<VersionRow> starting = event.getValue().stream()
                        .filter(version -> version.reportedFrom().equals(at))
                        .toList();
                if (starting.isEmpty()) {
                    continue;
                }
                String eventId = event.getKey();
                List<CitationView> causes = causes(starting, material.facts());
                EventPicture before = current.get(eventId);
                EventPicture after = pictureAt(eventId, event.getValue(), at, material);
                String title = events.get(eventId).title();
                accountChanges(at, eventId, title, starting, material.facts(), changes);
                changes.addAll(diff(at, eventId, title, before, after, causes));
                if (after == null) {
                    current.remove(eventId);
                } else {
                    current.put(eventId, after);
                }
            }
        }
        linkChanges(links, retractions, from.until(), to.until(), changesAt);

        List<EvolutionStep> steps = new ArrayList<>();
        for (int i = 0; i + 1 < boundaries.size(); i++) {
            Instant stepFrom = boundaries.get(i);
            Instant stepTo = boundaries.get(i + 1);
            List<NarrativeChange> changes = new ArrayList<>();
            changesAt.subMap(stepFrom, false, stepTo, true).values().forEach(changes::addAll);
            steps.add(new EvolutionStep(stepFrom, stepTo, changes));
        }
        return new NarrativeEvolutionAnswer(
                lens.narrativeId(),
                lens.title(),
                from,
                to,
                query.step(),
                recordedAsOf,
                eventsAtStart,
                current.size(),
                steps);
    }

    private EventPicture pictureAt(
            String eventId, List<VersionRow> versions, Instant at, AccountRows.Material material) {
        List<VersionRow> inForce = versions.stream()
                .filter(version -> !version.retracted()
                        && !version.reportedFrom().isAfter(at)
                        && version.reportedTo().isAfter(at))
                .toList();
        return inForce.isEmpty() ? null : pictures.picture(eventId, inForce, material.facts(), material.sources());
    }

    private List<NarrativeChange> diff(
            Instant at,
            String eventId,
            String title,
            EventPicture before,
            EventPicture after,
            List<CitationView> causes) {
        return pictures.differences(before, after).stream()
                .map(difference -> new NarrativeChange(
                        at,
                        difference.kind(),
                        eventId,
                        title,
                        difference.field(),
                        difference.before(),
                        difference.after(),
                        difference.accountId(),
                        null,
                        causes))
                .toList();
    }

    private static void accountChanges(
            Instant at,
            String eventId,
            String title,
            List<VersionRow> starting,
            Map<Long, FactRow> facts,
            List<NarrativeChange> changes) {
        for (VersionRow version : starting) {
            for (Long cause : version.causes()) {
                FactRow fact = facts.get(cause);
                NarrativeChangeKind kind = fact == null
                        ? null
                        : switch (fact.kind()) {
                            case RECORDED -> null;
                            case CORRECTED -> NarrativeChangeKind.ACCOUNT_CORRECTED;
                            case RETRACTED -> NarrativeChangeKind.ACCOUNT_RETRACTED;
                        };
                if (kind != null) {
                    changes.add(new NarrativeChange(
                            at,
                            kind,
                            eventId,
                            title,
                            null,
                            null,
                            null,
                            version.accountId(),
                            null,
                            List.of(EventPictures.citation(fact))));
                }
            }
        }
    }

    private static void linkChanges(
            List<LinkRow> links,
            Map<String, FactRow> retractions,
            Instant from,
            Instant to,
            TreeMap<Instant, List<NarrativeChange>> changesAt) {
        for (LinkRow link : links) {
            FactRow retraction = link.accountId() == null ? null : retractions.get(link.accountId());
            Instant dropped = retraction == null ? null : retraction.countsFrom();
            Instant added = link.countsFrom();
            if (dropped != null && !dropped.isAfter(added)) {
                continue; // withdrawn before it ever counted
            }
            LinkView view = EventPictures.link(link);
            if (added.isAfter(from) && !added.isAfter(to)) {
                add(changesAt, linkChange(added, NarrativeChangeKind.LINK_ADDED, link, view, view.citation()));
            }
            if (dropped != null && dropped.isAfter(from) && !dropped.isAfter(to)) {
                add(
                        changesAt,
                        linkChange(
                                dropped,
                                NarrativeChangeKind.LINK_DROPPED,
                                link,
                                view,
                                EventPictures.citation(retraction)));
            }
        }
    }

    private static NarrativeChange linkChange(
            Instant at, NarrativeChangeKind kind, LinkRow link, LinkView view, CitationView cause) {
        return new NarrativeChange(
                at, kind, link.eventId(), null, null, null, null, link.accountId(), view, List.of(cause));
    }

    private static void add(TreeMap<Instant, List<NarrativeChange>> changesAt, NarrativeChange change) {
        changesAt.computeIfAbsent(change.reported(), key -> new ArrayList<>()).add(change);
    }

    private static List<CitationView> causes(List<VersionRow> starting, Map<Long, FactRow> facts) {
        LinkedHashSet<Long> sequences = new LinkedHashSet<>();
        starting.forEach(version -> sequences.addAll(version.causes()));
        return sequences.stream()
                .map(facts::get)
                .filter(Objects::nonNull)
                .map(EventPictures::citation)
                .toList();
    }

    /** From, the end of each calendar week (Monday to Sunday), month or year after it, and to. */
    static List<Instant> boundaries(Instant from, Instant to, Step step) {
        List<Instant> boundaries = new ArrayList<>(List.of(from));
        if (step != null) {
            Instant previous = from;
            while (true) {
                LocalDate day = previous.plus(1, ChronoUnit.MICROS)
                        .atZone(ZoneOffset.UTC)
                        .toLocalDate();
                LocalDate lastDay =
                        switch (step) {
                            case WEEK -> day.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
                            case MONTH -> day.with(TemporalAdjusters.lastDayOfMonth());
                            case YEAR -> day.with(TemporalAdjusters.lastDayOfYear());
                        };
                Instant end = lastDay.plusDays(1)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant()
                        .minus(1, ChronoUnit.MICROS);
                if (!end.isBefore(to)) {
                    break;
                }
                boundaries.add(end);
                previous = end;
                if (boundaries.size() > MAX_STEPS) {
                    throw TimeBound.invalid(
                            "step", "from " + from + " to " + to + " is more than " + MAX_STEPS + " steps");
                }
            }
        }
        boundaries.add(to);
        return boundaries;
    }
}
