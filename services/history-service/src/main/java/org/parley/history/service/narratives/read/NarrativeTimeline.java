package org.parley.history.service.narratives.read;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.parley.history.contract.value.Moment;
import org.parley.history.service.events.read.AccountRows;
import org.parley.history.service.events.read.AccountRows.EventRow;
import org.parley.history.service.events.read.AccountRows.LinkRow;
import org.parley.history.service.events.read.AccountRows.TimelineKey;
import org.parley.history.service.events.read.AccountRows.VersionRow;
import org.parley.history.service.events.read.EventPictures;
import org.parley.history.service.events.read.EventPictures.EventPicture;
import org.parley.history.service.events.read.ReadViews.AccountView;
import org.parley.history.service.events.read.ReadViews.AnomalyView;
import org.parley.history.service.events.read.ReadViews.FieldView;
import org.parley.history.service.events.read.ReadViews.LinkView;
import org.parley.history.service.events.read.RevealedAnomalies;
import org.parley.history.service.readmodel.ReadQuestions;
import org.parley.history.service.readmodel.ReadWindow;
import org.parley.history.service.readmodel.TimeBound;
import org.springframework.stereotype.Service;

/**
 * Question 1: a narrative's timeline as of a date. Events in occurred order (an imprecise date is a range that
 * sorts by its start), each with its fields as the narrative's accounts give them, conflicts, links, anomalies,
 * and how many reports and independent origins support it. Paged by a cursor, read by index.
 */
@Service
public class NarrativeTimeline {

    public static final int MAX_LIMIT = 500;

    /** The query, as the API takes it. */
    public record NarrativeTimelineQuery(
            String narrativeId,
            String asOf,
            String recordedAsOf,
            String occurredFrom,
            String occurredTo,
            int limit,
            String after) {}

    public record NarrativeTimelineAnswer(
            String narrativeId,
            String title,
            String description,
            TimeBound asOf,
            TimeBound recordedAsOf,
            String occurredFrom,
            String occurredTo,
            List<NarrativeTimelineEntry> entries,
            String nextPage) {}

    /**
     * One event in the timeline. {@code occurredStart}/{@code occurredEnd} span every occurred value the accounts
     * give. Consecutive events whose spans overlap (directly or through one another) share an {@code overlapGroup},
     * named after the group's first event on the page: their order among themselves is not known. An event that
     * overlaps no neighbour has none.
     */
    public record NarrativeTimelineEntry(
            String eventId,
            String kind,
            String title,
            Instant occurredStart,
            Instant occurredEnd,
            String overlapGroup,
            Map<String, FieldView> fields,
            List<String> conflicts,
            List<LinkView> links,
            List<AnomalyView> anomalies,
            int reports,
            int independentOrigins,
            List<List<String>> origins,
            List<AccountView> accounts) {}

    private final ReadQuestions questions;
    private final EventPictures pictures;
    private final RevealedAnomalies revealed;

    private final AccountRows rows;
    private final NarrativeRows narratives;

    NarrativeTimeline(
            ReadQuestions questions,
            AccountRows rows,
            NarrativeRows narratives,
            EventPictures pictures,
            RevealedAnomalies revealed) {
        this.questions = questions;
        this.revealed = revealed;
        this.rows = rows;
        this.narratives = narratives;
        this.pictures = pictures;
    }

    public NarrativeTimelineAnswer answer(NarrativeTimelineQuery query) {
        if (query.limit() < 1 || query.limit() > MAX_LIMIT) {
            throw TimeBound.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        Instant occurredFrom = occurredBound("occurredFrom", query.occurredFrom(), false);
        Instant occurredTo = occurredBound("occurredTo", query.occurredTo(), true);
        TimelineKey after = cursor(query.after());
        ReadWindow window = questions.window(query.asOf(), query.recordedAsOf());
        NarrativeLens lens = narratives.require("narrativeId", query.narrativeId(), window.recordedAsOf());

        List<TimelineKey> keys = rows.timelineKeys(lens, window, after, occurredFrom, occurredTo, query.limit() + 1);
        String nextPage = null;
        if (keys.size() > query.limit()) {
            keys = keys.subList(0, query.limit());
            nextPage = cursor(keys.get(keys.size() - 1));
        }
        List<String> eventIds = keys.stream().map(TimelineKey::eventId).toList();
        List<VersionRow> versions = rows.inForce(lens, window, eventIds);
        AccountRows.Material material = rows.material(versions);
        Map<String, EventPicture> byEvent =
                pictures.pictures(versions, material.facts(), material.sources(), revealed.of(eventIds, window));
        Map<String, EventRow> events = rows.events(eventIds);
        List<LinkRow> links = rows.linksTouching(lens, window, eventIds);

        Map<String, String> groups = overlapGroups(eventIds, byEvent);
        List<NarrativeTimelineEntry> entries = new ArrayList<>();
        for (String eventId : eventIds) {
            EventPicture picture = byEvent.get(eventId);
            EventRow event = events.get(eventId);
            entries.add(new NarrativeTimelineEntry(
                    eventId,
                    event.kind(),
                    event.title(),
                    picture.occurredStart(),
                    picture.occurredEnd(),
                    groups.get(eventId),
                    picture.fields(),
                    picture.conflicts(),
                    links.stream()
                            .filter(link -> link.eventId().equals(eventId)
                                    || link.targetEventId().equals(eventId))
                            .map(EventPictures::link)
                            .toList(),
                    picture.anomalies(),
                    picture.reports(),
                    picture.origins().size(),
                    picture.origins(),
                    picture.accounts()));
        }
        return new NarrativeTimelineAnswer(
                lens.narrativeId(),
                lens.title(),
                lens.description(),
                window.asOf(),
                window.recordedAsOf(),
                query.occurredFrom(),
                query.occurredTo(),
                entries,
                nextPage);
    }

    /** Groups of consecutive events whose occurred spans overlap, named after each group's first event. */
    static Map<String, String> overlapGroups(List<String> order, Map<String, EventPicture> pictures) {
        Map<String, String> groups = new HashMap<>();
        List<String> group = new ArrayList<>();
        Instant groupEnd = null;
        for (String eventId : order) {
            EventPicture picture = pictures.get(eventId);
            boolean overlaps = picture.occurredStart() != null
                    && groupEnd != null
                    && picture.occurredStart().isBefore(groupEnd);
            if (!overlaps) {
                name(group, groups);
                group = new ArrayList<>();
                groupEnd = null;
            }
            group.add(eventId);
            if (picture.occurredEnd() != null
                    && (groupEnd == null || picture.occurredEnd().isAfter(groupEnd))) {
                groupEnd = picture.occurredEnd();
            }
        }
        name(group, groups);
        return groups;
    }

    private static void name(List<String> group, Map<String, String> groups) {
        if (group.size() > 1) {
            group.forEach(eventId -> groups.put(eventId, group.get(0)));
        }
    }

    private static Instant occurredBound(String field, String text, boolean end) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Moment moment = Moment.of(text.trim());
        if (!moment.hasTime() || moment.defect().isPresent()) {
            throw TimeBound.invalid(
                    field,
                    moment.defect()
                            .orElse("must be a date (yyyy-MM-dd), a month (yyyy-MM), a year (yyyy) or an instant"));
        }
        return end ? moment.endExclusive() : moment.start();
    }

    private static String cursor(TimelineKey key) {
        String text = key.occurredStart() + "|" + key.eventId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static TimelineKey cursor(String after) {
        if (after == null || after.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            return new TimelineKey(Instant.parse(text.substring(0, bar)), text.substring(bar + 1));
        } catch (RuntimeException e) {
            throw TimeBound.invalid("after", "is not a page cursor this service gave out (use nextPage as it is)");
        }
    }
}
