package org.parley.history.service.events.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.OccurredTime;
import org.parley.history.service.events.read.AccountVersions.AccountVersion;
import org.parley.history.service.readmodel.ReportedTime;

class AccountVersionsTest {

    private static final Instant PUBLISHED = Instant.parse("2024-04-16T23:59:59.999999Z");
    private static final Instant RECORDED = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void an_account_alone_holds_from_its_publication_for_ever() {
        List<AccountVersion> versions = AccountVersions.of(List.of(account()));

        assertThat(versions).hasSize(1);
        AccountVersion only = versions.get(0);
        assertThat(only.reportedFrom()).isEqualTo(PUBLISHED);
        assertThat(only.reportedTo()).isEqualTo(ReportedTime.OPEN);
        assertThat(only.recordedFrom()).isEqualTo(RECORDED);
        assertThat(only.claims().place()).isEqualTo("Istanbul");
        assertThat(only.causes()).containsExactly(1L);
    }

    @Test
    void a_correction_replaces_only_the_fields_it_gives_from_when_it_was_reported() {
        Instant correctedAt = Instant.parse("2024-05-02T23:59:59.999999Z");
        AccountFact correction = fact(2, AccountFact.Kind.CORRECTED, correctedAt, RECORDED.plusSeconds(60), "Antalya");

        List<AccountVersion> current = currentlyRecorded(AccountVersions.of(List.of(account(), correction)));

        assertThat(current).extracting(v -> v.claims().place()).containsExactly("Istanbul", "Antalya");
        assertThat(current.get(1).claims().occurred()).isEqualTo(OccurredTime.at("2022-03-29"));
        assertThat(current.get(0).reportedTo()).isEqualTo(correctedAt);
        assertThat(current.get(1).reportedFrom()).isEqualTo(correctedAt);
        assertThat(current.get(1).causes()).containsExactly(2L);
        assertThat(current.get(1).applied()).containsExactly(1L, 2L);
    }

    @Test
    void before_the_correction_was_recorded_the_ledger_showed_the_account_as_it_was() {
        AccountFact correction = fact(
                2,
                AccountFact.Kind.CORRECTED,
                Instant.parse("2024-05-02T23:59:59.999999Z"),
                RECORDED.plusSeconds(60),
                "Antalya");

        List<AccountVersion> versions = AccountVersions.of(List.of(account(), correction));

        AccountVersion firstRecorded = versions.get(0);
        assertThat(firstRecorded.recordedTo()).isEqualTo(RECORDED.plusSeconds(60));
        assertThat(firstRecorded.reportedTo()).isEqualTo(ReportedTime.OPEN);
        assertThat(firstRecorded.claims().place()).isEqualTo("Istanbul");
    }

    @Test
    void a_correction_reported_before_the_account_applies_from_the_account_on() {
        AccountFact early = fact(
                2, AccountFact.Kind.CORRECTED, Instant.parse("2020-01-01T00:00:00Z"), RECORDED.plusSeconds(1), "Minsk");

        List<AccountVersion> current = currentlyRecorded(AccountVersions.of(List.of(account(), early)));

        assertThat(current).hasSize(1);
        assertThat(current.get(0).reportedFrom()).isEqualTo(PUBLISHED);
        assertThat(current.get(0).claims().place()).isEqualTo("Minsk");
    }

    @Test
    void corrections_apply_in_reported_order_whatever_order_they_were_recorded_in() {
        AccountFact later = fact(
                2,
                AccountFact.Kind.CORRECTED,
                Instant.parse("2024-07-01T00:00:00Z"),
                RECORDED.plusSeconds(1),
                "Ankara");
        AccountFact earlier = fact(
                3,
                AccountFact.Kind.CORRECTED,
                Instant.parse("2024-06-01T00:00:00Z"),
                RECORDED.plusSeconds(2),
                "Antalya");

        List<AccountVersion> current = currentlyRecorded(AccountVersions.of(List.of(account(), later, earlier)));

        assertThat(current).extracting(v -> v.claims().place()).containsExactly("Istanbul", "Antalya", "Ankara");
    }

    @Test
    void a_retraction_withdraws_the_account_from_when_it_was_reported() {
        Instant retractedAt = Instant.parse("2024-06-30T23:59:59.999999Z");
        AccountFact retraction = fact(2, AccountFact.Kind.RETRACTED, retractedAt, RECORDED.plusSeconds(5), null);

        List<AccountVersion> current = currentlyRecorded(AccountVersions.of(List.of(account(), retraction)));

        assertThat(current).extracting(AccountVersion::retracted).containsExactly(false, true);
        assertThat(current.get(1).reportedFrom()).isEqualTo(retractedAt);
    }

    @Test
    void facts_recorded_in_the_same_instant_leave_no_state_nobody_could_see() {
        AccountFact sameInstant =
                fact(2, AccountFact.Kind.CORRECTED, Instant.parse("2024-05-02T00:00:00Z"), RECORDED, "Antalya");

        List<AccountVersion> versions = AccountVersions.of(List.of(account(), sameInstant));

        assertThat(versions).allMatch(v -> v.recordedFrom().equals(RECORDED));
        assertThat(versions).hasSize(2);
    }

    @Test
    void facts_must_start_with_the_account() {
        assertThatThrownBy(() ->
                        AccountVersions.of(List.of(fact(2, AccountFact.Kind.RETRACTED, PUBLISHED, RECORDED, null))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<AccountVersion> currentlyRecorded(List<AccountVersion> versions) {
        return versions.stream()
                .filter(v -> v.recordedTo().equals(ReportedTime.OPEN))
                .toList();
    }

    private static AccountFact account() {
        return new AccountFact(
                1,
                AccountFact.Kind.RECORDED,
                "account",
                new AccountClaims(
                        OccurredTime.at("2022-03-29"),
                        "Istanbul",
                        List.of("Ukraine", "Russia"),
                        null,
                        null,
                        null,
                        null,
                        null),
                PUBLISHED,
                RECORDED);
    }

    private static AccountFact fact(
            long sequence, AccountFact.Kind kind, Instant counts, Instant recorded, String place) {
        AccountClaims claims =
                place == null ? null : new AccountClaims(null, place, null, null, null, null, null, null);
        return new AccountFact(sequence, kind, "fact-" + sequence, claims, counts, recorded);
    }
}
