package org.parley.history.service.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parley.history.contract.change.NarrativeChangeKind;
import org.parley.history.contract.change.NarrativeChanged;
import org.parley.history.contract.value.Citation;
import org.parley.history.service.timeline.EventPictures.EventPicture;
import org.parley.history.service.timeline.ReadModelRows.LinkRow;
import org.parley.history.service.timeline.ReadModelRows.VersionRow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the ledger's events changed in each narrative, as of the moment the ledger recorded them: the read model
 * takes a picture of an event in every narrative before and after applying a batch of ledger events, and keeps
 * the differences in {@code narrative_change}, the feed of the narrative stream.
 */
@Component
class NarrativeChangeLog {

    private final ReadModelRows rows;
    private final EventPictures pictures;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    NarrativeChangeLog(ReadModelRows rows, EventPictures pictures, JdbcTemplate jdbc, ObjectMapper json) {
        this.rows = rows;
        this.pictures = pictures;
        this.jdbc = jdbc;
        this.json = json;
    }

    /** An event as every current narrative shows it at one moment. */
    record Snapshot(Map<String, EventPicture> pictures, List<NarrativeLens> narratives) {}

    /** A ledger event that changed an account or a link: its sequence, kind, times, citation and account. */
    record Cause(
            long sequence,
            AccountFact.Kind kind,
            Instant recorded,
            Instant reported,
            Citation citation,
            String accountId) {}

    Snapshot snapshot(String eventId, Instant at) {
        ReadWindow window = window(at);
        List<NarrativeLens> narratives = narratives(at);
        List<VersionRow> versions = rows.inForce(eventId, window);
        ReadQuestions.Material material = rows.material(versions);
        Map<String, EventPicture> byNarrative = new LinkedHashMap<>();
        for (NarrativeLens narrative : narratives) {
            List<VersionRow> selected =
                    versions.stream().filter(narrative::selects).toList();
            if (!selected.isEmpty()) {
                byNarrative.put(
                        narrative.narrativeId(),
                        pictures.picture(eventId, selected, material.facts(), material.sources()));
            }
        }
        return new Snapshot(byNarrative, narratives);
    }

    /**
     * Records how an event's pictures changed between two snapshots, and, in each narrative that told the account,
     * its correction or retraction. The causes are the ledger events read in between, in ledger order.
     */
    void accountsChanged(String eventId, Snapshot before, Snapshot after, List<Cause> causes) {
        String title = rows.events(List.of(eventId)).get(eventId).title();
        List<NarrativeChanged> changes = new ArrayList<>();
        for (NarrativeLens narrative : after.narratives()) {
            String narrativeId = narrative.narrativeId();
            EventPicture was = before.pictures().get(narrativeId);
            EventPicture is = after.pictures().get(narrativeId);
            for (Cause cause : causes) {
                NarrativeChangeKind accountChange =
                        switch (cause.kind()) {
                            case RECORDED -> null;
                            case CORRECTED -> NarrativeChangeKind.ACCOUNT_CORRECTED;
                            case RETRACTED -> NarrativeChangeKind.ACCOUNT_RETRACTED;
                        };
                if (accountChange != null && told(was, cause.accountId())) {
                    changes.add(
                            change(narrativeId, changes, accountChange, List.of(cause), eventId, title, null, null));
                }
            }
            for (EventPictures.Difference difference : pictures.differences(was, is)) {
                changes.add(change(narrativeId, changes, difference.kind(), causes, eventId, title, difference, null));
            }
        }
        write(changes);
    }

    /** Records a link coming or going in every narrative that selects it. */
    void linkChanged(LinkRow link, Cause cause, boolean added, Instant at) {
        List<NarrativeChanged> changes = new ArrayList<>();
        for (NarrativeLens narrative : narratives(at)) {
            if (narrative.selects(link)) {
                changes.add(change(
                        narrative.narrativeId(),
                        changes,
                        added ? NarrativeChangeKind.LINK_ADDED : NarrativeChangeKind.LINK_DROPPED,
                        List.of(cause),
                        link.eventId(),
                        null,
                        null,
                        link));
            }
        }
        write(changes);
    }

    void narrativeChanged(String narrativeId, NarrativeChangeKind kind, long sequence, Instant recorded) {
        write(List.of(new NarrativeChanged(
                sequence + ":" + narrativeId + ":0",
                narrativeId,
                kind,
                sequence,
                null,
                recorded,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null)));
    }

    /** The links an account asserted that count at a moment: they go when the account is retracted. */
    List<LinkRow> linksAssertedBy(String accountId, Instant at) {
        return rows.linksAssertedBy(accountId, window(at));
    }

    private List<NarrativeLens> narratives(Instant at) {
        List<NarrativeLens> narratives = new ArrayList<>();
        narratives.add(NarrativeLens.allSources());
        narratives.addAll(rows.narratives(window(at).recordedAsOf()));
        return narratives;
    }

    private static ReadWindow window(Instant at) {
        TimeBound bound = new TimeBound(null, at, "when the ledger recorded the change");
        return new ReadWindow(bound, bound);
    }

    private static boolean told(EventPicture picture, String accountId) {
        return picture != null
                && picture.accounts().stream()
                        .anyMatch(account -> account.accountId().equals(accountId));
    }

    private static NarrativeChanged change(
            String narrativeId,
            List<NarrativeChanged> sofar,
            NarrativeChangeKind kind,
            List<Cause> causes,
            String eventId,
            String title,
            EventPictures.Difference difference,
            LinkRow link) {
        Cause last = causes.get(causes.size() - 1);
        long ordinal = sofar.stream()
                .filter(change -> change.narrativeId().equals(narrativeId))
                .count();
        Instant reported =
                causes.stream().map(Cause::reported).max(Instant::compareTo).orElse(null);
        String accountId = link != null ? link.accountId() : causes.size() == 1 ? last.accountId() : null;
        return new NarrativeChanged(
                last.sequence() + ":" + narrativeId + ":" + ordinal,
                narrativeId,
                kind,
                last.sequence(),
                reported,
                last.recorded(),
                eventId,
                title,
                difference == null ? null : difference.field(),
                difference == null ? null : difference.before(),
                difference == null ? null : difference.after(),
                accountId,
                link == null ? null : link.linkId(),
                link == null ? null : link.relation(),
                link == null ? null : link.targetEventId(),
                causes.stream().map(Cause::citation).toList());
    }

    private void write(List<NarrativeChanged> changes) {
        for (NarrativeChanged change : changes) {
            jdbc.update(
                    "INSERT INTO narrative_change (change_id, narrative_id, ledger_sequence, change_kind, event_id,"
                            + " recorded_at, reported_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (change_id) DO NOTHING",
                    change.changeId(),
                    change.narrativeId(),
                    change.ledgerSequence(),
                    change.change().name(),
                    change.eventId(),
                    LedgerReadModelProjection.utc(change.recorded()),
                    change.reported() == null ? null : LedgerReadModelProjection.utc(change.reported()),
                    write(change));
        }
    }

    private String write(NarrativeChanged change) {
        try {
            return json.writeValueAsString(change);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a narrative change", e);
        }
    }
}
