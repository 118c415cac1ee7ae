package org.parley.history.service.narratives.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parley.history.contract.change.NarrativeChangeKind;
import org.parley.history.contract.change.NarrativeChanged;
import org.parley.history.contract.value.Anomaly;
import org.parley.history.service.events.read.AccountRows;
import org.parley.history.service.events.read.AccountRows.LinkRow;
import org.parley.history.service.events.read.AccountRows.VersionRow;
import org.parley.history.service.events.read.EventChangeListener;
import org.parley.history.service.events.read.EventPictures;
import org.parley.history.service.events.read.EventPictures.EventPicture;
import org.parley.history.service.events.read.RevealedAnomalies;
import org.parley.history.service.readmodel.ReadModelBatch;
import org.parley.history.service.readmodel.ReadModelSql;
import org.parley.history.service.readmodel.ReadWindow;
import org.parley.history.service.readmodel.TimeBound;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the ledger's events changed in each narrative, as of the moment the ledger recorded them: the read model
 * takes a picture of an event in every narrative before and after applying a batch of ledger events, and keeps
 * the differences in {@code narrative_change}, the feed of the narrative stream.
 */
@Component
class NarrativeChangeLog implements EventChangeListener {

    private final AccountRows rows;
    private final NarrativeRows narratives;
    private final EventPictures pictures;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final RevealedAnomalies revealed;

    NarrativeChangeLog(
            AccountRows rows,
            NarrativeRows narratives,
            EventPictures pictures,
            JdbcTemplate jdbc,
            ObjectMapper json,
            RevealedAnomalies revealed) {
        this.revealed = revealed;
        this.rows = rows;
        this.narratives = narratives;
        this.pictures = pictures;
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * What one batch changes in narratives: the first time an event's accounts change, the event is pictured in
     * every narrative as it stood before the batch; when the batch ends, again, and the differences are logged.
     */
    private final class BatchChanges implements ReadModelBatch.Ending {
        final Map<String, Snapshot> before = new LinkedHashMap<>();
        final Map<String, List<Cause>> causes = new HashMap<>();
        final Set<String> changeIds = new HashSet<>();

        @Override
        public void end(ReadModelBatch batch) {
            before.forEach((eventId, was) -> {
                List<Cause> caused = causes.get(eventId);
                Instant at = caused.get(caused.size() - 1).recorded();
                accountsChanged(eventId, was, snapshot(eventId, at), caused, this);
            });
        }

        /**
         * The change's id, at its place or, when a change of the same ledger event and narrative logged earlier in the
         * batch holds that id, the next free one: a retraction's dropped links are logged while it is handled and its
         * account changes when the batch ends, and each would otherwise start at place 0 and lose to the first.
         */
        String changeId(long sequence, String narrativeId, long place) {
            String id;
            do {
                id = sequence + ":" + narrativeId + ":" + place++;
            } while (!changeIds.add(id));
            return id;
        }
    }

    @Override
    public void accountsChanging(ReadModelBatch batch, String eventId, Cause cause) {
        BatchChanges changes = batch.attachment(BatchChanges.class, BatchChanges::new);
        if (!changes.before.containsKey(eventId)) {
            batch.writes().flush();
            changes.before.put(eventId, snapshot(eventId, cause.recorded()));
        }
        changes.causes.computeIfAbsent(eventId, id -> new ArrayList<>()).add(cause);
    }

    @Override
    public void linkChanged(ReadModelBatch batch, LinkRow link, Cause cause, boolean added) {
        linkChanged(link, cause, added, cause.recorded(), batch.attachment(BatchChanges.class, BatchChanges::new));
    }

    /** An event as every current narrative shows it at one moment. */
    record Snapshot(Map<String, EventPicture> pictures, List<NarrativeLens> narratives) {}

    Snapshot snapshot(String eventId, Instant at) {
        ReadWindow window = window(at);
        List<NarrativeLens> narratives = narratives(at);
        List<VersionRow> versions = rows.inForce(eventId, window);
        AccountRows.Material material = rows.material(versions);
        // Judged over every account in force, so that a narrative hears of what an account it does not select
        // reveals about one it does.
        Map<String, List<Anomaly>> revealed = this.revealed.of(versions, material, window);
        Map<String, EventPicture> byNarrative = new LinkedHashMap<>();
        for (NarrativeLens narrative : narratives) {
            List<VersionRow> selected =
                    versions.stream().filter(narrative::selects).toList();
            if (!selected.isEmpty()) {
                byNarrative.put(
                        narrative.narrativeId(),
                        pictures.picture(eventId, selected, material.facts(), material.sources(), revealed));
            }
        }
        return new Snapshot(byNarrative, narratives);
    }

    /**
     * Records how an event's pictures changed between two snapshots, and, in each narrative that told the account,
     * its correction or retraction. The causes are the ledger events read in between, in ledger order.
     */
    void accountsChanged(String eventId, Snapshot before, Snapshot after, List<Cause> causes, BatchChanges batch) {
        String title = rows.events(List.of(eventId)).get(eventId).title();
        List<NarrativeChanged> changes = new ArrayList<>();
        for (NarrativeLens narrative : after.narratives()) {
            String narrativeId = narrative.narrativeId();
            EventPicture was = before.pictures().get(narrativeId);
            EventPicture is = after.pictures().get(narrativeId);
            for (Cause cause : causes) {
                // an editorial flag's cause has no account fact: what it changes shows as the account's anomalies
                NarrativeChangeKind accountChange = cause.kind() == null
                        ? null
                        : switch (cause.kind()) {
                            case RECORDED -> null;
                            case CORRECTED -> NarrativeChangeKind.ACCOUNT_CORRECTED;
                            case RETRACTED -> NarrativeChangeKind.ACCOUNT_RETRACTED;
                        };
                if (accountChange != null && told(was, cause.accountId())) {
                    changes.add(change(
                            batch, narrativeId, changes, accountChange, List.of(cause), eventId, title, null, null));
                }
            }
            for (EventPictures.Difference difference : pictures.differences(was, is)) {
                changes.add(change(
                        batch, narrativeId, changes, difference.kind(), causes, eventId, title, difference, null));
            }
        }
        write(changes);
    }

    /** Records a link coming or going in every narrative that selects it. */
    void linkChanged(LinkRow link, Cause cause, boolean added, Instant at, BatchChanges batch) {
        List<NarrativeChanged> changes = new ArrayList<>();
        for (NarrativeLens narrative : narratives(at)) {
            if (narrative.selects(link)) {
                changes.add(change(
                        batch,
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

    private List<NarrativeLens> narratives(Instant at) {
        List<NarrativeLens> narratives = new ArrayList<>();
        narratives.add(NarrativeLens.allSources());
        narratives.addAll(this.narratives.narratives(window(at).recordedAsOf()));
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
            BatchChanges batch,
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
        String accountId = link != null
                ? link.accountId()
                : difference != null && difference.accountId() != null
                        ? difference.accountId()
                        : causes.size() == 1 ? last.accountId() : null;
        return new NarrativeChanged(
                batch.changeId(last.sequence(), narrativeId, ordinal),
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
                    ReadModelSql.utc(change.recorded()),
                    change.reported() == null ? null : ReadModelSql.utc(change.reported()),
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
