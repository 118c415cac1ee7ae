package org.parley.history.service.narratives.read;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.parley.history.service.events.read.AccountRows;
import org.parley.history.service.events.read.AccountRows.EventRow;
import org.parley.history.service.events.read.AccountRows.FactRow;
import org.parley.history.service.events.read.AccountRows.LinkRow;
import org.parley.history.service.events.read.AccountRows.VersionRow;
import org.parley.history.service.events.read.EventPictures;
import org.parley.history.service.events.read.EventPictures.EventPicture;
import org.parley.history.service.events.read.ReadViews.FieldView;
import org.parley.history.service.events.read.ReadViews.LinkView;
import org.parley.history.service.readmodel.ReadQuestions;
import org.parley.history.service.readmodel.ReadWindow;
import org.parley.history.service.readmodel.ReportedTime;
import org.parley.history.service.readmodel.TimeBound;
import org.parley.history.service.sources.read.SourceRows.SourceRow;
import org.springframework.stereotype.Service;

/**
 * Question 3: two narratives side by side as of a date: the events only one of them tells, and for the events both
 * tell, each field agreed, disagreed or asserted by one side only, with both sides' citations; and the links only
 * one side asserts.
 */
@Service
public class NarrativeComparison {

    public record NarrativeComparisonQuery(
            String narrativeId, String otherNarrativeId, String asOf, String recordedAsOf) {}

    public enum Comparison {
        /** Both sides give the same value or values. */
        AGREED,
        /** Both sides speak to the field and give different values. */
        DISAGREED,
        ONLY_LEFT,
        ONLY_RIGHT
    }

    public record Side(String narrativeId, String title) {}

    public record EventMention(String eventId, String kind, String title, Instant occurredStart, int reports) {}

    public record FieldComparison(Comparison comparison, FieldView left, FieldView right) {}

    public record SharedEvent(
            String eventId,
            String kind,
            String title,
            Instant occurredStart,
            boolean differs,
            Map<String, FieldComparison> fields) {}

    /** A link is the same on both sides when it joins the same events by the same relation. */
    public record LinkDifference(List<LinkView> onlyLeft, List<LinkView> onlyRight) {}

    public record NarrativeComparisonAnswer(
            Side left,
            Side right,
            TimeBound asOf,
            TimeBound recordedAsOf,
            List<EventMention> onlyLeft,
            List<EventMention> onlyRight,
            List<SharedEvent> shared,
            LinkDifference links) {}

    private final ReadQuestions questions;
    private final EventPictures pictures;

    private final AccountRows rows;
    private final NarrativeRows narratives;

    NarrativeComparison(ReadQuestions questions, AccountRows rows, NarrativeRows narratives, EventPictures pictures) {
        this.questions = questions;
        this.rows = rows;
        this.narratives = narratives;
        this.pictures = pictures;
    }

    public NarrativeComparisonAnswer answer(NarrativeComparisonQuery query) {
        ReadWindow window = questions.window(query.asOf(), query.recordedAsOf());
        NarrativeLens left = narratives.require("narrativeId", query.narrativeId(), window.recordedAsOf());
        NarrativeLens right = narratives.require("with", query.otherNarrativeId(), window.recordedAsOf());
        List<VersionRow> leftVersions = rows.inForce(left, window);
        List<VersionRow> rightVersions = rows.inForce(right, window);
        List<VersionRow> all = new ArrayList<>(leftVersions);
        all.addAll(rightVersions);
        AccountRows.Material material = rows.material(all);
        Map<Long, FactRow> facts = material.facts();
        Map<String, SourceRow> sources = material.sources();
        Map<String, EventPicture> leftPictures = pictures.pictures(leftVersions, facts, sources, Map.of());
        Map<String, EventPicture> rightPictures = pictures.pictures(rightVersions, facts, sources, Map.of());
        TreeSet<String> eventIds = new TreeSet<>(leftPictures.keySet());
        eventIds.addAll(rightPictures.keySet());
        Map<String, EventRow> events = rows.events(eventIds);

        List<EventMention> onlyLeft = new ArrayList<>();
        List<EventMention> onlyRight = new ArrayList<>();
        List<SharedEvent> shared = new ArrayList<>();
        for (String eventId : inOccurredOrder(eventIds, leftPictures, rightPictures)) {
            EventPicture l = leftPictures.get(eventId);
            EventPicture r = rightPictures.get(eventId);
            EventRow event = events.get(eventId);
            if (r == null) {
                onlyLeft.add(mention(event, l));
            } else if (l == null) {
                onlyRight.add(mention(event, r));
            } else {
                shared.add(compare(event, l, r));
            }
        }
        return new NarrativeComparisonAnswer(
                new Side(left.narrativeId(), left.title()),
                new Side(right.narrativeId(), right.title()),
                window.asOf(),
                window.recordedAsOf(),
                onlyLeft,
                onlyRight,
                shared,
                linkDifference(rows.links(left, window), rows.links(right, window)));
    }

    private SharedEvent compare(EventRow event, EventPicture left, EventPicture right) {
        Map<String, FieldComparison> fields = new LinkedHashMap<>();
        boolean differs = false;
        for (String field : EventPictures.FIELDS) {
            FieldView l = left.fields().get(field);
            FieldView r = right.fields().get(field);
            if (l == null && r == null) {
                continue;
            }
            Comparison comparison;
            if (r == null) {
                comparison = Comparison.ONLY_LEFT;
            } else if (l == null) {
                comparison = Comparison.ONLY_RIGHT;
            } else if (EventPictures.valueKeys(l, pictures).equals(EventPictures.valueKeys(r, pictures))) {
                comparison = Comparison.AGREED;
            } else {
                comparison = Comparison.DISAGREED;
            }
            differs |= comparison != Comparison.AGREED;
            fields.put(field, new FieldComparison(comparison, l, r));
        }
        return new SharedEvent(event.eventId(), event.kind(), event.title(), earliest(left, right), differs, fields);
    }

    private static LinkDifference linkDifference(List<LinkRow> left, List<LinkRow> right) {
        TreeSet<String> leftKeys =
                new TreeSet<>(left.stream().map(NarrativeComparison::linkKey).toList());
        TreeSet<String> rightKeys =
                new TreeSet<>(right.stream().map(NarrativeComparison::linkKey).toList());
        return new LinkDifference(
                left.stream()
                        .filter(link -> !rightKeys.contains(linkKey(link)))
                        .map(EventPictures::link)
                        .toList(),
                right.stream()
                        .filter(link -> !leftKeys.contains(linkKey(link)))
                        .map(EventPictures::link)
                        .toList());
    }

    private static String linkKey(LinkRow link) {
        return link.eventId() + " " + link.relation() + " " + link.targetEventId();
    }

    private static EventMention mention(EventRow event, EventPicture picture) {
        return new EventMention(
                event.eventId(), event.kind(), event.title(), picture.occurredStart(), picture.reports());
    }

    private static Instant earliest(EventPicture left, EventPicture right) {
        if (left.occurredStart() == null) {
            return right.occurredStart();
        }
        if (right.occurredStart() == null) {
            return left.occurredStart();
        }
        return left.occurredStart().isBefore(right.occurredStart()) ? left.occurredStart() : right.occurredStart();
    }

    private static List<String> inOccurredOrder(
            TreeSet<String> eventIds, Map<String, EventPicture> left, Map<String, EventPicture> right) {
        return eventIds.stream()
                .sorted((a, b) -> {
                    Instant x = start(left.get(a), right.get(a));
                    Instant y = start(left.get(b), right.get(b));
                    int byTime = x.compareTo(y);
                    return byTime != 0 ? byTime : a.compareTo(b);
                })
                .toList();
    }

    private static Instant start(EventPicture left, EventPicture right) {
        Instant start = left != null && right != null
                ? earliest(left, right)
                : Objects.requireNonNullElse(left, right).occurredStart();
        return start == null ? ReportedTime.OPEN : start;
    }
}
