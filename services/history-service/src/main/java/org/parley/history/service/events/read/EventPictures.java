package org.parley.history.service.events.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.parley.history.contract.change.NarrativeChangeKind;
import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Anomaly;
import org.parley.history.contract.value.Citation;
import org.parley.history.service.events.read.AccountRows.FactRow;
import org.parley.history.service.events.read.AccountRows.LinkRow;
import org.parley.history.service.events.read.AccountRows.VersionRow;
import org.parley.history.service.events.read.ReadViews.AccountView;
import org.parley.history.service.events.read.ReadViews.AnomalyView;
import org.parley.history.service.events.read.ReadViews.CitationView;
import org.parley.history.service.events.read.ReadViews.FieldStatus;
import org.parley.history.service.events.read.ReadViews.FieldView;
import org.parley.history.service.events.read.ReadViews.LinkView;
import org.parley.history.service.events.read.ReadViews.ValueView;
import org.parley.history.service.readmodel.Reported;
import org.parley.history.service.readmodel.ReportedTime;
import org.parley.history.service.sources.read.SourceRows.SourceRow;
import org.springframework.stereotype.Component;

/**
 * One event as a narrative shows it: each field from the accounts in force, every value where they disagree, each
 * value with the accounts and citations behind it. Nothing is settled here: a disagreement is shown, never decided.
 */
@Component
public class EventPictures {

    /** The fields accounts can disagree on, in the order answers list them. */
    public static final List<String> FIELDS =
            List.of("occurred", "place", "participants", "proposed", "agreed", "refused", "outcome");

    private static final Map<String, Function<AccountClaims, Object>> READERS = Map.of(
            "occurred", AccountClaims::occurred,
            "place", AccountClaims::place,
            "participants", claims -> claims.participants().isEmpty() ? null : claims.participants(),
            "proposed", AccountClaims::proposed,
            "agreed", AccountClaims::agreed,
            "refused", AccountClaims::refused,
            "outcome", AccountClaims::outcome);

    /** An event in one narrative at one time. */
    public record EventPicture(
            String eventId,
            Instant occurredStart,
            Instant occurredEnd,
            Map<String, FieldView> fields,
            List<String> conflicts,
            List<AccountView> accounts,
            List<AnomalyView> anomalies,
            int reports,
            List<List<String>> origins) {}

    /**
     * One way an event's picture differs between two moments: it appeared, disappeared, a field changed, or an
     * account's anomalies changed (then {@code accountId} names the account, before and after are its anomalies).
     */
    public record Difference(
            NarrativeChangeKind kind, String field, List<Object> before, List<Object> after, String accountId) {}

    /** How an event's picture changed; either side absent when the narrative did not tell the event. */
    public List<Difference> differences(EventPicture before, EventPicture after) {
        if (before == null && after == null) {
            return List.of();
        }
        if (before == null) {
            return List.of(new Difference(NarrativeChangeKind.EVENT_APPEARED, null, null, null, null));
        }
        if (after == null) {
            return List.of(new Difference(NarrativeChangeKind.EVENT_DISAPPEARED, null, null, null, null));
        }
        List<Difference> differences = new ArrayList<>();
        for (String field : FIELDS) {
            FieldView was = before.fields().get(field);
            FieldView is = after.fields().get(field);
            if (valueKeys(was, this).equals(valueKeys(is, this))) {
                continue;
            }
            NarrativeChangeKind kind;
            if (was == null) {
                kind = NarrativeChangeKind.FIELD_SET;
            } else if (is == null) {
                kind = NarrativeChangeKind.FIELD_DROPPED;
            } else if (was.status() == FieldStatus.AGREED && is.status() == FieldStatus.DISPUTED) {
                kind = NarrativeChangeKind.FIELD_DISPUTED;
            } else {
                kind = NarrativeChangeKind.FIELD_CHANGED;
            }
            differences.add(new Difference(kind, field, values(was), values(is), null));
        }
        differences.addAll(anomalyDifferences(before, after));
        return differences;
    }

    /**
     * Anomalies an account the narrative told before and after gained or lost in between: another account's date
     * revealing a later event, an editorial flag. An account that newly appears brings its anomalies with it.
     */
    private static List<Difference> anomalyDifferences(EventPicture before, EventPicture after) {
        Map<String, AccountView> was = new LinkedHashMap<>();
        before.accounts().forEach(account -> was.put(account.accountId(), account));
        List<Difference> differences = new ArrayList<>();
        for (AccountView is : after.accounts()) {
            AccountView then = was.get(is.accountId());
            if (then == null) {
                continue;
            }
            List<Object> gained = is.anomalies().stream()
                    .filter(anomaly -> !then.anomalies().contains(anomaly))
                    .map(Object.class::cast)
                    .toList();
            List<Object> lost = then.anomalies().stream()
                    .filter(anomaly -> !is.anomalies().contains(anomaly))
                    .map(Object.class::cast)
                    .toList();
            if (!gained.isEmpty()) {
                differences.add(new Difference(
                        NarrativeChangeKind.ANOMALY_FLAGGED,
                        null,
                        List.copyOf(then.anomalies()),
                        List.copyOf(is.anomalies()),
                        is.accountId()));
            } else if (!lost.isEmpty()) {
                differences.add(new Difference(
                        NarrativeChangeKind.ANOMALY_CLEARED,
                        null,
                        List.copyOf(then.anomalies()),
                        List.copyOf(is.anomalies()),
                        is.accountId()));
            }
        }
        return differences;
    }

    private static List<Object> values(FieldView view) {
        return view == null
                ? List.of()
                : view.values().stream().map(ValueView::value).toList();
    }

    /** What one account says about one field, and which fact said it. */
    private record Claim(String accountId, Object value, String key, CitationView citation) {}

    private final ObjectMapper json;

    EventPictures(ObjectMapper json) {
        this.json = json;
    }

    /** The picture of one event from its account versions in force (all of one event). */
    public EventPicture picture(
            String eventId, List<VersionRow> versions, Map<Long, FactRow> facts, Map<String, SourceRow> sources) {
        return picture(eventId, versions, facts, sources, Map.of());
    }

    /**
     * The picture of one event from its account versions in force, each account also flagged with what other
     * accounts of the event reveal about it ({@link RevealedAnomalies}, by account id).
     */
    public EventPicture picture(
            String eventId,
            List<VersionRow> versions,
            Map<Long, FactRow> facts,
            Map<String, SourceRow> sources,
            Map<String, List<Anomaly>> revealed) {
        List<VersionRow> ordered = new ArrayList<>(versions);
        ordered.sort(Comparator.comparing(
                        (VersionRow v) -> facts.get(v.applied().get(0)).countsFrom())
                .thenComparing(VersionRow::accountId));
        Map<String, List<Claim>> claimsByField = new LinkedHashMap<>();
        FIELDS.forEach(field -> claimsByField.put(field, new ArrayList<>()));
        List<AccountView> accounts = new ArrayList<>();
        List<AnomalyView> anomalies = new ArrayList<>();
        TreeSet<String> reporters = new TreeSet<>();
        Instant start = ReportedTime.OPEN;
        Instant end = null;
        for (VersionRow version : ordered) {
            FactRow account = facts.get(version.applied().get(0));
            Map<String, CitationView> sourceOfField = new LinkedHashMap<>();
            AccountClaims claims = account.claims();
            CitationView accountCitation = citation(account);
            CitationView claimedByAccount = briefly(account);
            FIELDS.forEach(field -> sourceOfField.put(field, claimedByAccount));
            List<CitationView> corrections = new ArrayList<>();
            for (Long sequence : version.applied().subList(1, version.applied().size())) {
                FactRow change = facts.get(sequence);
                if (change.kind() != AccountFact.Kind.CORRECTED) {
                    continue;
                }
                CitationView correction = citation(change);
                corrections.add(correction);
                for (String field : FIELDS) {
                    if (READERS.get(field).apply(change.claims()) != null) {
                        sourceOfField.put(field, correction);
                    }
                }
                claims = AccountVersions.corrected(claims, change.claims());
            }
            for (String field : FIELDS) {
                Object value = READERS.get(field).apply(claims);
                if (value != null) {
                    claimsByField
                            .get(field)
                            .add(new Claim(version.accountId(), value, key(value), sourceOfField.get(field)));
                }
            }
            List<Anomaly> accountAnomalies = withRevealed(version.anomalies(), revealed.get(version.accountId()));
            accounts.add(new AccountView(
                    version.accountId(),
                    version.sourceId(),
                    claims.summary(),
                    accountCitation,
                    List.copyOf(corrections),
                    accountAnomalies));
            accountAnomalies.forEach(anomaly -> anomalies.add(
                    new AnomalyView(version.accountId(), version.sourceId(), anomaly.kind(), anomaly.detail())));
            reporters.add(version.sourceId());
            if (version.occurredStart().isBefore(start)) {
                start = version.occurredStart();
            }
            if (!version.occurredStart().equals(ReportedTime.OPEN)
                    && (end == null || version.occurredEnd().isAfter(end))) {
                end = version.occurredEnd();
            }
        }
        Map<String, FieldView> fields = new LinkedHashMap<>();
        List<String> conflicts = new ArrayList<>();
        claimsByField.forEach((field, claims) -> {
            FieldView view = fieldView(claims);
            if (view != null) {
                fields.put(field, view);
                if (view.status() == FieldStatus.DISPUTED) {
                    conflicts.add(field);
                }
            }
        });
        return new EventPicture(
                eventId,
                start.equals(ReportedTime.OPEN) ? null : start,
                end,
                fields,
                List.copyOf(conflicts),
                List.copyOf(accounts),
                List.copyOf(anomalies),
                accounts.size(),
                independentOrigins(reporters, sources));
    }

    /**
     * The independent origins among an event's reporters: a reporter that republishes or rests on another reporter
     * of the same event (directly or through others) adds none; reporters resting on the same sources count once.
     */
    public static List<List<String>> independentOrigins(TreeSet<String> reporters, Map<String, SourceRow> sources) {
        TreeMap<String, List<String>> origins = new TreeMap<>();
        for (String reporter : reporters) {
            SourceRow source = sources.get(reporter);
            if (source == null) {
                origins.put(reporter, List.of(reporter));
                continue;
            }
            if (source.ancestors().stream().anyMatch(reporters::contains)) {
                continue;
            }
            origins.put(String.join(" ", source.origins()), source.origins());
        }
        return List.copyOf(origins.values());
    }

    /** An account's own anomalies, then what other accounts reveal about it. */
    public static List<Anomaly> withRevealed(List<Anomaly> own, List<Anomaly> revealed) {
        if (revealed == null || revealed.isEmpty()) {
            return own;
        }
        List<Anomaly> all = new ArrayList<>(own);
        all.addAll(revealed);
        return List.copyOf(all);
    }

    /** Pictures of several events, from their versions in force, with what other accounts reveal (by account). */
    public Map<String, EventPicture> pictures(
            List<VersionRow> versions,
            Map<Long, FactRow> facts,
            Map<String, SourceRow> sources,
            Map<String, List<Anomaly>> revealed) {
        Map<String, List<VersionRow>> byEvent = new LinkedHashMap<>();
        versions.forEach(version -> byEvent.computeIfAbsent(version.eventId(), id -> new ArrayList<>())
                .add(version));
        Map<String, EventPicture> pictures = new LinkedHashMap<>();
        byEvent.forEach((eventId, rows) -> pictures.put(eventId, picture(eventId, rows, facts, sources, revealed)));
        return pictures;
    }

    /** The canonical form of a value, so that equal claims group together whatever their order. */
    public String key(Object value) {
        Object canonical = value instanceof List<?> list
                ? list.stream().map(String::valueOf).sorted().toList()
                : value;
        try {
            return json.writeValueAsString(canonical);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot compare claim values", e);
        }
    }

    public static FieldView fieldView(List<Claim> claims) {
        if (claims.isEmpty()) {
            return null;
        }
        Map<String, List<Claim>> byValue = new LinkedHashMap<>();
        claims.forEach(claim ->
                byValue.computeIfAbsent(claim.key(), key -> new ArrayList<>()).add(claim));
        List<ValueView> values = byValue.values().stream()
                .map(same -> new ValueView(
                        same.get(0).value(),
                        same.stream().map(Claim::accountId).toList(),
                        same.stream().map(Claim::citation).toList()))
                .toList();
        return new FieldView(values.size() == 1 ? FieldStatus.AGREED : FieldStatus.DISPUTED, values);
    }

    /** The canonical keys of a field's values, to tell whether two pictures of a field say the same. */
    public static List<String> valueKeys(FieldView view, EventPictures pictures) {
        if (view == null) {
            return List.of();
        }
        return view.values().stream()
                .map(value -> pictures.key(value.value()))
                .sorted()
                .toList();
    }

    /**
     * A field value's citation: where the value comes from the account itself, only where in the source; the
     * account (in the answer's list of accounts) says when it counts. A correction's citation is given whole.
     */
    public static CitationView briefly(FactRow fact) {
        if (fact.kind() != AccountFact.Kind.RECORDED) {
            return citation(fact);
        }
        return cited(fact.citation(), fact.accountId(), null, null, null);
    }

    public static CitationView citation(FactRow fact) {
        return cited(
                fact.citation(),
                fact.accountId(),
                fact.kind(),
                fact.factId(),
                new Reported(fact.countsFrom(), fact.countsFromNote()));
    }

    public static LinkView link(LinkRow link) {
        return new LinkView(
                link.linkId(),
                link.eventId(),
                link.relation(),
                link.targetEventId(),
                link.accountId(),
                cited(
                        link.citation(),
                        link.accountId(),
                        null,
                        link.linkId(),
                        new Reported(link.countsFrom(), link.countsFromNote())));
    }

    /** A citation as answers show it: where in the source, and which account and fact (if any) it backs. */
    public static CitationView cited(
            Citation citation, String accountId, AccountFact.Kind fact, String factId, Reported reported) {
        return new CitationView(
                citation.sourceId(), citation.locator(), citation.quote(), accountId, fact, factId, reported);
    }
}
