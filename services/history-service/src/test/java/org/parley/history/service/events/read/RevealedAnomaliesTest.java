package org.parley.history.service.events.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.history.contract.event.SourceRegistered;
import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Anomaly;
import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.Moment;
import org.parley.history.contract.value.OccurredTime;
import org.parley.history.contract.value.Publication;
import org.parley.history.contract.value.SourceKind;
import org.parley.history.service.events.read.AccountRows.FactRow;
import org.parley.history.service.events.read.AccountRows.VersionRow;
import org.parley.history.service.readmodel.ReportedTime;
import org.parley.history.service.sources.read.SourceRows.SourceRow;

/** What one account's date reveals about the other accounts of the same event. */
class RevealedAnomaliesTest {

    private final Map<Long, FactRow> facts = new HashMap<>();
    private final Map<String, SourceRow> sources = new HashMap<>();

    @Test
    void an_account_dating_the_event_after_another_accounts_publication_flags_that_other_account() {
        VersionRow undated = account(1, "archyde", Publication.stated("2024-10-26"), null);
        VersionRow dating = account(2, "wire", Publication.stated("2025-08-15"), "2025-08-15");

        Map<String, List<Anomaly>> revealed = revealed(undated, dating);

        assertThat(revealed).containsOnlyKeys("account-1");
        assertThat(revealed.get("account-1")).singleElement().satisfies(anomaly -> {
            assertThat(anomaly.kind()).isEqualTo(Anomaly.Kind.DESCRIBES_LATER_EVENT);
            assertThat(anomaly.detail())
                    .contains("account-2")
                    .contains("2025-08-15")
                    .contains("2024-10-26");
        });
    }

    @Test
    void a_date_within_the_publications_own_day_or_month_reveals_nothing() {
        VersionRow sameDay = account(1, "same-day", Publication.stated("2025-08-15"), null);
        VersionRow sameMonth = account(2, "same-month", Publication.inferred("2025-08", "from its text"), null);
        VersionRow dating = account(3, "wire", Publication.stated("2025-08-16"), "2025-08-15");

        assertThat(revealed(sameDay, sameMonth, dating)).isEmpty();
    }

    @Test
    void a_month_claimed_counts_from_its_first_day_and_an_undated_source_is_left_to_its_own_flag() {
        VersionRow before = account(1, "before", Publication.stated("2025-07-31"), null);
        VersionRow undated = account(2, "undated", Publication.unknown(), null);
        VersionRow dating = account(3, "wire", Publication.stated("2025-09-01"), "2025-08");

        Map<String, List<Anomaly>> revealed = revealed(before, undated, dating);

        assertThat(revealed).containsOnlyKeys("account-1");
        assertThat(revealed.get("account-1").get(0).detail()).contains("dates the event 2025-08");
    }

    @Test
    void an_account_is_not_flagged_by_its_own_date_nor_by_accounts_of_other_events() {
        VersionRow self = account(1, "early", Publication.stated("2024-10-26"), "2025-08-15");
        VersionRow elsewhere = new VersionRow(
                "account-9",
                "another-event",
                "early",
                ReportedTime.OPEN,
                ReportedTime.OPEN,
                Instant.EPOCH,
                ReportedTime.OPEN,
                false,
                List.of(),
                List.of(),
                List.of(),
                "Outlet");

        assertThat(revealed(self, elsewhere)).isEmpty();
    }

    private Map<String, List<Anomaly>> revealed(VersionRow... versions) {
        return RevealedAnomalies.describedLater(List.of(versions), new AccountRows.Material(facts, sources));
    }

    private VersionRow account(long sequence, String sourceId, Publication publication, String occurred) {
        AccountClaims claims = new AccountClaims(
                occurred == null ? null : OccurredTime.at(occurred), "Anchorage", null, null, null, null, null, null);
        facts.put(
                sequence,
                new FactRow(
                        sequence,
                        AccountFact.Kind.RECORDED,
                        "account-" + sequence,
                        "account-" + sequence,
                        "summit",
                        sourceId,
                        Citation.of(sourceId, "¶1"),
                        claims,
                        null,
                        Instant.EPOCH,
                        "published",
                        Instant.EPOCH,
                        "editor"));
        sources.put(
                sourceId,
                new SourceRow(
                        new SourceRegistered(
                                sourceId,
                                sourceId,
                                "Outlet",
                                List.of(),
                                SourceKind.ARTICLE,
                                publication,
                                null,
                                "en",
                                null,
                                List.of()),
                        Instant.EPOCH,
                        "published",
                        List.of(),
                        List.of(sourceId),
                        Instant.EPOCH));
        Instant start =
                occurred == null ? ReportedTime.OPEN : Moment.of(occurred).start();
        Instant end = occurred == null ? ReportedTime.OPEN : Moment.of(occurred).endExclusive();
        return new VersionRow(
                "account-" + sequence,
                "summit",
                sourceId,
                start,
                end,
                Instant.EPOCH,
                ReportedTime.OPEN,
                false,
                List.of(sequence),
                List.of(sequence),
                List.of(),
                "Outlet");
    }
}
