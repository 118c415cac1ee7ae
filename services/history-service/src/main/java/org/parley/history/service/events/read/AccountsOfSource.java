package org.parley.history.service.events.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.parley.history.contract.value.Anomaly;
import org.parley.history.service.events.read.AccountRows.EventRow;
import org.parley.history.service.events.read.AccountRows.FactRow;
import org.parley.history.service.events.read.AccountRows.VersionRow;
import org.parley.history.service.readmodel.ReadWindow;
import org.parley.history.service.sources.read.SourceProvenance.SupportedAccount;
import org.parley.history.service.sources.read.SupportedAccounts;
import org.springframework.stereotype.Component;

/** A source's accounts, each with the summary its latest correction gives, for the source's provenance. */
@Component
class AccountsOfSource implements SupportedAccounts {

    private final AccountRows rows;
    private final RevealedAnomalies revealed;

    AccountsOfSource(AccountRows rows, RevealedAnomalies revealed) {
        this.rows = rows;
        this.revealed = revealed;
    }

    @Override
    public List<SupportedAccount> of(String sourceId, ReadWindow window) {
        List<VersionRow> versions = rows.versionsOfSource(sourceId, window);
        AccountRows.Material material = rows.material(versions);
        TreeSet<String> eventIds =
                new TreeSet<>(versions.stream().map(VersionRow::eventId).toList());
        Map<String, EventRow> events = rows.events(eventIds);
        Map<String, List<Anomaly>> revealedByOthers = revealed.of(eventIds, window);
        List<SupportedAccount> accounts = new ArrayList<>();
        for (VersionRow version : versions) {
            FactRow account = material.facts().get(version.applied().get(0));
            String summary = account.claims() == null ? null : account.claims().summary();
            for (Long sequence : version.applied()) {
                FactRow fact = material.facts().get(sequence);
                if (fact.kind() == AccountFact.Kind.CORRECTED && fact.claims().summary() != null) {
                    summary = fact.claims().summary();
                }
            }
            accounts.add(new SupportedAccount(
                    version.accountId(),
                    version.eventId(),
                    events.get(version.eventId()).title(),
                    summary,
                    version.retracted(),
                    version.retracted()
                            ? version.anomalies()
                            : EventPictures.withRevealed(
                                    version.anomalies(), revealedByOthers.get(version.accountId()))));
        }
        return accounts;
    }
}
