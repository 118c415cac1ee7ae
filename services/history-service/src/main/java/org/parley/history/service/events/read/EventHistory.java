package org.parley.history.service.events.read;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.LinkRelation;
import org.parley.history.service.events.read.AccountRows.EventRow;
import org.parley.history.service.events.read.AccountRows.FactRow;
import org.parley.history.service.events.read.AccountRows.FlagFactRow;
import org.parley.history.service.events.read.AccountRows.LinkRow;
import org.parley.history.service.events.read.AccountRows.VersionRow;
import org.parley.history.service.events.read.ReadViews.AnomalyView;
import org.parley.history.service.events.read.ReadViews.CitationView;
import org.parley.history.service.readmodel.ReadNotFound;
import org.parley.history.service.readmodel.ReadQuestions;
import org.parley.history.service.readmodel.ReadWindow;
import org.parley.history.service.readmodel.Reported;
import org.parley.history.service.readmodel.TimeBound;
import org.springframework.stereotype.Service;

/**
 * Question 2: one event's history: every account, correction, retraction and link about it, in reported order
 * (when each became public) and in recorded order (when Parley stored it).
 */
@Service
public class EventHistory {

    public record EventHistoryQuery(String eventId, String asOf, String recordedAsOf) {}

    public enum EntryKind {
        ACCOUNT_RECORDED,
        ACCOUNT_CORRECTED,
        ACCOUNT_RETRACTED,
        EVENTS_LINKED,
        ACCOUNT_FLAGGED,
        FLAG_CORRECTED,
        FLAG_RETRACTED
    }

    private static final String FLAG_COUNTS = "an editorial flag counts from when Parley recorded it";

    /** One fact about the event, with both of its times and the ledger's own sequence. */
    public record EventHistoryEntry(
            EntryKind kind,
            String id,
            String accountId,
            CitationView citation,
            AccountClaims claims,
            String reason,
            String linkFrom,
            LinkRelation relation,
            String linkTo,
            Reported reported,
            Instant recordedAt,
            String recordedBy,
            long ledgerSequence) {}

    public record EventHistoryAnswer(
            String eventId,
            String kind,
            String title,
            CitationView citation,
            TimeBound asOf,
            TimeBound recordedAsOf,
            List<EventHistoryEntry> inReportedOrder,
            List<EventHistoryEntry> inRecordedOrder,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<AnomalyView> anomalies) {}

    private final ReadQuestions questions;

    private final AccountRows rows;
    private final EventPictures pictures;
    private final RevealedAnomalies revealed;

    EventHistory(ReadQuestions questions, AccountRows rows, EventPictures pictures, RevealedAnomalies revealed) {
        this.questions = questions;
        this.rows = rows;
        this.pictures = pictures;
        this.revealed = revealed;
    }

    public EventHistoryAnswer answer(EventHistoryQuery query) {
        ReadWindow window = questions.window(query.asOf(), query.recordedAsOf());
        EventRow event = rows.events(List.of(query.eventId())).get(query.eventId());
        if (event == null || event.recordedAt().isAfter(window.recordedAsOf().until())) {
            throw new ReadNotFound("eventId", "no diplomatic event '" + query.eventId() + "' on the ledger");
        }
        List<EventHistoryEntry> entries = new ArrayList<>();
        for (FactRow fact : rows.factsOfEvent(query.eventId(), window)) {
            entries.add(new EventHistoryEntry(
                    switch (fact.kind()) {
                        case RECORDED -> EntryKind.ACCOUNT_RECORDED;
                        case CORRECTED -> EntryKind.ACCOUNT_CORRECTED;
                        case RETRACTED -> EntryKind.ACCOUNT_RETRACTED;
                    },
                    fact.factId(),
                    fact.accountId(),
                    EventPictures.citation(fact),
                    fact.claims(),
                    fact.reason(),
                    null,
                    null,
                    null,
                    new Reported(fact.countsFrom(), fact.countsFromNote()),
                    fact.recordedAt(),
                    fact.recordedBy(),
                    fact.sequence()));
        }
        for (LinkRow link : rows.linksOfEvent(query.eventId(), window)) {
            entries.add(new EventHistoryEntry(
                    EntryKind.EVENTS_LINKED,
                    link.linkId(),
                    link.accountId(),
                    EventPictures.link(link).citation(),
                    null,
                    null,
                    link.eventId(),
                    link.relation(),
                    link.targetEventId(),
                    new Reported(link.countsFrom(), link.countsFromNote()),
                    link.recordedAt(),
                    link.recordedBy(),
                    link.sequence()));
        }
        Instant flagsUntil =
                window.asOf().until().isBefore(window.recordedAsOf().until())
                        ? window.asOf().until()
                        : window.recordedAsOf().until();
        for (FlagFactRow flag : rows.flagFacts(List.of(query.eventId()), flagsUntil)) {
            Reported reported = new Reported(flag.recordedAt(), FLAG_COUNTS);
            entries.add(new EventHistoryEntry(
                    switch (flag.kind()) {
                        case FLAGGED -> EntryKind.ACCOUNT_FLAGGED;
                        case CORRECTED -> EntryKind.FLAG_CORRECTED;
                        case RETRACTED -> EntryKind.FLAG_RETRACTED;
                    },
                    flag.factId(),
                    flag.accountId(),
                    EventPictures.cited(flag.citation(), flag.accountId(), null, flag.factId(), reported),
                    null,
                    flag.reason(),
                    null,
                    null,
                    null,
                    reported,
                    flag.recordedAt(),
                    flag.recordedBy(),
                    flag.sequence()));
        }
        List<EventHistoryEntry> recorded = entries.stream()
                .sorted(Comparator.comparingLong(EventHistoryEntry::ledgerSequence))
                .toList();
        List<EventHistoryEntry> reported = entries.stream()
                .sorted(Comparator.comparing(
                                (EventHistoryEntry entry) -> entry.reported().countsFrom())
                        .thenComparingLong(EventHistoryEntry::ledgerSequence))
                .toList();
        return new EventHistoryAnswer(
                event.eventId(),
                event.kind(),
                event.title(),
                EventPictures.cited(event.citation(), null, null, event.eventId(), null),
                window.asOf(),
                window.recordedAsOf(),
                reported,
                recorded,
                anomalies(query.eventId(), window));
    }

    /** The anomalies of the accounts in force at the times asked, as a timeline of all sources flags them. */
    private List<AnomalyView> anomalies(String eventId, ReadWindow window) {
        List<VersionRow> versions = rows.inForce(eventId, window);
        if (versions.isEmpty()) {
            return List.of();
        }
        AccountRows.Material material = rows.material(versions);
        return pictures.picture(
                        eventId,
                        versions,
                        material.facts(),
                        material.sources(),
                        revealed.of(versions, material, window))
                .anomalies();
    }
}
