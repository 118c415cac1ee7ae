package org.parley.history.service.events.read;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.parley.history.contract.value.AccountClaims;
import org.parley.history.service.readmodel.ReportedTime;

/**
 * The states of one account over reported time and recorded time, computed from its facts alone: a correction
 * replaces the fields it gives from the moment it counts, a retraction withdraws the account from the moment it
 * counts, and neither reaches back before the account itself counts. Each time the ledger learned a fact is a new
 * recorded state, so that {@code recordedAsOf} sees what Parley showed then.
 */
final class AccountVersions {

    private AccountVersions() {}

    /** One state of an account over a rectangle of reported time x recorded time (each [from, to)). */
    record AccountVersion(
            AccountClaims claims,
            Instant reportedFrom,
            Instant reportedTo,
            Instant recordedFrom,
            Instant recordedTo,
            boolean retracted,
            List<Long> causes,
            List<Long> applied) {}

    /** The facts in ledger order, the account's own first. */
    static List<AccountVersion> of(List<AccountFact> facts) {
        if (facts.isEmpty() || facts.get(0).kind() != AccountFact.Kind.RECORDED) {
            throw new IllegalArgumentException("an account's facts start with the account");
        }
        List<AccountVersion> versions = new ArrayList<>();
        for (int known = 1; known <= facts.size(); known++) {
            Instant recordedFrom = facts.get(known - 1).recordedAt();
            Instant recordedTo = known < facts.size() ? facts.get(known).recordedAt() : ReportedTime.OPEN;
            if (!recordedTo.isAfter(recordedFrom)) {
                continue; // superseded within the same instant: nobody could have seen it
            }
            versions.addAll(overReportedTime(facts.subList(0, known), recordedFrom, recordedTo));
        }
        return versions;
    }

    private static List<AccountVersion> overReportedTime(
            List<AccountFact> known, Instant recordedFrom, Instant recordedTo) {
        AccountFact account = known.get(0);
        Instant start = account.countsFrom();
        List<AccountFact> changes = new ArrayList<>(known.subList(1, known.size()));
        changes.sort(Comparator.comparing((AccountFact fact) -> effective(fact, start))
                .thenComparingLong(AccountFact::sequence));
        TreeSet<Instant> breakpoints = new TreeSet<>();
        breakpoints.add(start);
        changes.forEach(change -> breakpoints.add(effective(change, start)));

        List<AccountVersion> versions = new ArrayList<>();
        for (Instant from : breakpoints) {
            Instant to = breakpoints.higher(from) == null ? ReportedTime.OPEN : breakpoints.higher(from);
            AccountClaims claims = account.claims();
            boolean retracted = false;
            List<Long> applied = new ArrayList<>(List.of(account.sequence()));
            List<Long> causes = new ArrayList<>();
            if (from.equals(start)) {
                causes.add(account.sequence());
            }
            for (AccountFact change : changes) {
                Instant counts = effective(change, start);
                if (counts.isAfter(from)) {
                    break;
                }
                applied.add(change.sequence());
                if (counts.equals(from)) {
                    causes.add(change.sequence());
                }
                if (change.kind() == AccountFact.Kind.RETRACTED) {
                    retracted = true;
                } else {
                    claims = corrected(claims, change.claims());
                }
            }
            versions.add(new AccountVersion(
                    claims, from, to, recordedFrom, recordedTo, retracted, List.copyOf(causes), List.copyOf(applied)));
        }
        return versions;
    }

    private static Instant effective(AccountFact change, Instant accountStart) {
        return change.countsFrom().isBefore(accountStart) ? accountStart : change.countsFrom();
    }

    /** The claims with a correction's present fields in place of their own. */
    static AccountClaims corrected(AccountClaims claims, AccountClaims correction) {
        if (correction == null) {
            return claims;
        }
        return new AccountClaims(
                correction.occurred() != null ? correction.occurred() : claims.occurred(),
                correction.place() != null ? correction.place() : claims.place(),
                correction.participants().isEmpty() ? claims.participants() : correction.participants(),
                correction.proposed() != null ? correction.proposed() : claims.proposed(),
                correction.agreed() != null ? correction.agreed() : claims.agreed(),
                correction.refused() != null ? correction.refused() : claims.refused(),
                correction.outcome() != null ? correction.outcome() : claims.outcome(),
                correction.summary() != null ? correction.summary() : claims.summary());
    }
}
