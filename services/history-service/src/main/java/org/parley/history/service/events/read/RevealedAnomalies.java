package org.parley.history.service.events.read;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Anomaly;
import org.parley.history.contract.value.Moment;
import org.parley.history.contract.value.Publication;
import org.parley.history.contract.value.PublicationBasis;
import org.parley.history.service.events.read.AccountRows.FactRow;
import org.parley.history.service.events.read.AccountRows.FlagFactRow;
import org.parley.history.service.events.read.AccountRows.VersionRow;
import org.parley.history.service.readmodel.ReadWindow;
import org.parley.history.service.readmodel.ReportedTime;
import org.parley.history.service.sources.read.SourceRows.SourceRow;
import org.springframework.stereotype.Component;

/**
 * Anomalies an account's own claims cannot show. Another account reveals one when it dates the event after this
 * account's source was published: judged over the accounts in force at the time asked (whatever narrative selects
 * them), never stored with the account, so the evidence counts from when the dating account counts, an answer as of
 * an earlier time does not show it, and a retraction of the dating account takes it away again. An editor reveals
 * one with a flag ({@code read_flag_fact}), which counts from when the ledger recorded it, corrected or retracted
 * the same way.
 */
@Component
public class RevealedAnomalies {

    private final AccountRows rows;

    RevealedAnomalies(AccountRows rows) {
        this.rows = rows;
    }

    /** By account id, what the other accounts in force of these events and the editors' flags reveal about it. */
    public Map<String, List<Anomaly>> of(Collection<String> eventIds, ReadWindow window) {
        if (eventIds.isEmpty()) {
            return Map.of();
        }
        List<VersionRow> versions = rows.inForceOfEvents(eventIds, window);
        return of(versions, rows.material(versions), window);
    }

    /**
     * By account id, what the other versions among these (every version of their events in force in the window)
     * and the editors' flags in force reveal about it.
     */
    public Map<String, List<Anomaly>> of(List<VersionRow> versions, AccountRows.Material material, ReadWindow window) {
        Map<String, List<Anomaly>> revealed = describedLater(versions, material);
        TreeSet<String> eventIds = new TreeSet<>();
        versions.forEach(version -> eventIds.add(version.eventId()));
        Instant until = window.asOf().until().isBefore(window.recordedAsOf().until())
                ? window.asOf().until()
                : window.recordedAsOf().until();
        flagged(rows.flagFacts(eventIds, until))
                .forEach((accountId, flags) -> revealed.computeIfAbsent(accountId, id -> new ArrayList<>())
                        .addAll(flags));
        return revealed;
    }

    /**
     * By account id, the editorial flags in force after these facts (in ledger order): a correction replaces a
     * flag's reason and citation, a retraction withdraws it.
     */
    public static Map<String, List<Anomaly>> flagged(List<FlagFactRow> facts) {
        Map<String, FlagFactRow> inForce = new TreeMap<>();
        for (FlagFactRow fact : facts) {
            String key = fact.eventId() + " " + fact.flagId();
            switch (fact.kind()) {
                case FLAGGED -> inForce.put(key, fact);
                case CORRECTED -> inForce.computeIfPresent(key, (k, flag) -> fact);
                case RETRACTED -> inForce.remove(key);
            }
        }
        Map<String, List<Anomaly>> flagged = new LinkedHashMap<>();
        inForce.values().forEach(flag -> flagged.computeIfAbsent(flag.accountId(), id -> new ArrayList<>())
                .add(new Anomaly(
                        Anomaly.Kind.EDITORIAL_FLAG,
                        flag.reason() + " (flag " + flag.flagId() + ", citing "
                                + flag.citation().sourceId() + " "
                                + flag.citation().locator() + ")")));
        return flagged;
    }

    /** By account id, what the other versions among these (all in force at one time) reveal about it. */
    public static Map<String, List<Anomaly>> describedLater(List<VersionRow> versions, AccountRows.Material material) {
        Map<String, List<VersionRow>> byEvent = new LinkedHashMap<>();
        versions.forEach(version -> byEvent.computeIfAbsent(version.eventId(), id -> new ArrayList<>())
                .add(version));
        Map<String, List<Anomaly>> revealed = new LinkedHashMap<>();
        byEvent.values().forEach(ofOneEvent -> revealedAmong(ofOneEvent, material, revealed));
        return revealed;
    }

    private static void revealedAmong(
            List<VersionRow> versions, AccountRows.Material material, Map<String, List<Anomaly>> revealed) {
        // each source's publication read once, not once per pair of accounts: an event with many accounts would
        // otherwise parse the same dates over and over (the ingest benchmark found it the read model's top cost)
        Map<String, Moment> published = new LinkedHashMap<>();
        for (VersionRow version : versions) {
            SourceRow source = material.sources().get(version.sourceId());
            Moment time = source == null ? null : knownTime(source.registered().publication());
            if (time != null) {
                published.put(version.accountId(), time);
            }
        }
        if (published.isEmpty()) {
            return;
        }
        Map<String, Instant> publishedEnd = new LinkedHashMap<>();
        published.forEach((accountId, time) -> publishedEnd.put(accountId, time.endExclusive()));
        List<VersionRow> dating = versions.stream()
                .filter(version -> !version.occurredStart().equals(ReportedTime.OPEN))
                .sorted(Comparator.comparing(VersionRow::accountId))
                .toList();
        for (VersionRow dated : dating) {
            String claimed = null;
            for (VersionRow other : versions) {
                Instant end = publishedEnd.get(other.accountId());
                if (end == null
                        || other.accountId().equals(dated.accountId())
                        || dated.occurredStart().isBefore(end)) {
                    continue;
                }
                if (claimed == null) {
                    claimed = claimedStart(dated, material.facts());
                }
                revealed.computeIfAbsent(other.accountId(), id -> new ArrayList<>())
                        .add(new Anomaly(
                                Anomaly.Kind.DESCRIBES_LATER_EVENT,
                                "account " + dated.accountId() + " (source " + dated.sourceId() + ") dates the event "
                                        + claimed + ", after this account's source was published ("
                                        + published.get(other.accountId()).value() + ")"));
            }
        }
    }

    /** A publication time that can be compared, or null: an unknown one is flagged as undated instead. */
    private static Moment knownTime(Publication publication) {
        Moment time = publication.time();
        return publication.basis() == PublicationBasis.UNKNOWN
                        || time == null
                        || !time.hasTime()
                        || time.defect().isPresent()
                ? null
                : time;
    }

    /** The occurred start as the version's claims give it (corrections applied), in the account's own words. */
    private static String claimedStart(VersionRow version, Map<Long, FactRow> facts) {
        AccountClaims claims = null;
        for (Long sequence : version.applied()) {
            FactRow fact = facts.get(sequence);
            if (fact == null || fact.kind() == AccountFact.Kind.RETRACTED) {
                continue;
            }
            claims = claims == null ? fact.claims() : AccountVersions.corrected(claims, fact.claims());
        }
        return claims == null || claims.occurred() == null
                ? version.occurredStart().toString()
                : claims.occurred().from().value();
    }
}
