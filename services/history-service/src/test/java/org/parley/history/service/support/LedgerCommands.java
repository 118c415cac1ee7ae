package org.parley.history.service.support;

import java.util.List;
import org.parley.history.contract.command.RecordAccount;
import org.parley.history.contract.command.RegisterSource;
import org.parley.history.contract.command.ReportDiplomaticEvent;
import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.DiplomaticEventKind;
import org.parley.history.contract.value.OccurredTime;
import org.parley.history.contract.value.Publication;
import org.parley.history.contract.value.SourceKind;

/** Valid commands with plausible content, for tests that care about one field at a time. */
public final class LedgerCommands {

    private LedgerCommands() {}

    public static RegisterSource source(String sourceId) {
        return new RegisterSource(
                sourceId,
                "Report " + sourceId,
                "Foreign Affairs",
                List.of("A. Writer"),
                SourceKind.ARTICLE,
                Publication.stated("2024-04-16"),
                "https://example.org/" + sourceId,
                "en",
                null,
                List.of());
    }

    public static ReportDiplomaticEvent event(String eventId, String sourceId) {
        return new ReportDiplomaticEvent(
                eventId, DiplomaticEventKind.TALKS_ROUND, "Round of talks " + eventId, Citation.of(sourceId, "¶1"));
    }

    public static RecordAccount account(String eventId, String accountId, String sourceId, String place) {
        return account(eventId, accountId, sourceId, place, null);
    }

    public static RecordAccount account(
            String eventId, String accountId, String sourceId, String place, Long expectedVersion) {
        return new RecordAccount(
                eventId, accountId, Citation.of(sourceId, "¶4"), claims("2022-03-29", place), expectedVersion);
    }

    public static AccountClaims claims(String occurred, String place) {
        return new AccountClaims(
                OccurredTime.at(occurred),
                place,
                List.of("Ukraine", "Russia"),
                null,
                null,
                null,
                null,
                "The delegations met in " + place + ".");
    }
}
