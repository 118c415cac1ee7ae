package org.parley.history.service.events.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.history.service.commands.LedgerFixtures.account;
import static org.parley.history.service.commands.LedgerFixtures.claims;
import static org.parley.history.service.commands.LedgerFixtures.link;
import static org.parley.history.service.commands.LedgerFixtures.linked;
import static org.parley.history.service.commands.LedgerFixtures.recorded;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;
import static org.parley.history.service.commands.LedgerFixtures.registered;
import static org.parley.history.service.commands.LedgerFixtures.reportEvent;
import static org.parley.history.service.commands.LedgerFixtures.reported;
import static org.parley.history.service.commands.LedgerFixtures.retracted;
import static org.parley.history.service.commands.LedgerFixtures.retraction;
import static org.parley.history.service.support.ReadModelSlice.at;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.history.contract.command.RegisterSource;
import org.parley.history.contract.event.AccountCorrected;
import org.parley.history.contract.event.AccountRecorded;
import org.parley.history.contract.event.SourceRegistered;
import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Anomaly;
import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.LinkRelation;
import org.parley.history.contract.value.Moment;
import org.parley.history.contract.value.OccurredTime;
import org.parley.history.contract.value.Publication;
import org.parley.history.service.events.read.EventHistory.EntryKind;
import org.parley.history.service.events.read.EventHistory.EventHistoryAnswer;
import org.parley.history.service.events.read.EventHistory.EventHistoryEntry;
import org.parley.history.service.events.read.EventHistory.EventHistoryQuery;
import org.parley.history.service.readmodel.ReportedTime;
import org.parley.history.service.sources.read.SourceProvenance;
import org.parley.history.service.sources.read.SourceProvenance.SourceQuery;
import org.parley.history.service.sources.read.SourceProvenance.SupportedAccount;
import org.parley.history.service.support.ReadModelSlice;

/**
 * {@link EventProjection}: reported events, accounts, corrections, retractions and links → {@code read_event},
 * {@code read_account_fact}, {@code account_version}, {@code read_link} → {@link EventHistory}'s answer (and the
 * accounts a source's provenance lists).
 */
class EventProjectionIT {

    @RegisterExtension
    static final ReadModelSlice readModel = new ReadModelSlice();

    private static final String EVENT = "talks";
    private static final String ACCOUNT = "talks.wire";
    /** When the wire source, published on 2024-04-16, counts from. */
    private static final Instant PUBLISHED = Instant.parse("2024-04-16T23:59:59.999999Z");

    private static final Instant ACCOUNT_RECORDED = Instant.parse("2025-02-01T10:02:00Z");
    private static final Instant CHANGE_RECORDED = Instant.parse("2025-02-03T09:00:00Z");

    /** The wire's account of the talks (sequences 1 to 3): in Istanbul on 2022-03-29. */
    private void givenTheWiresAccountOfTheTalks() {
        readModel.handle(
                at("2025-02-01T10:00:00Z", registered(registerSource("wire"))),
                at("2025-02-01T10:01:00Z", reported(reportEvent(EVENT, "wire"))),
                at(ACCOUNT_RECORDED.toString(), recorded(account(EVENT, ACCOUNT, "wire"))));
    }

    @Test
    void an_account_is_one_version_from_its_sources_publication_for_ever_and_the_history_tells_it() {
        givenTheWiresAccountOfTheTalks();

        assertThat(readModel.row("SELECT event_id, kind, title, recorded_at, ledger_sequence FROM read_event"))
                .containsEntry("event_id", EVENT)
                .containsEntry("kind", "TALKS_ROUND")
                .containsEntry("recorded_at", Instant.parse("2025-02-01T10:01:00Z"))
                .containsEntry("ledger_sequence", 2L);
        assertThat(readModel.row("SELECT fact_kind, fact_id, source_id, counts_from, counts_from_note, recorded_by"
                        + " FROM read_account_fact WHERE ledger_sequence = 3"))
                .containsEntry("fact_kind", "RECORDED")
                .containsEntry("fact_id", ACCOUNT)
                .containsEntry("source_id", "wire")
                .containsEntry("counts_from", PUBLISHED)
                .containsEntry("counts_from_note", "published 2024-04-16: counts from the end of that day (UTC)")
                .containsEntry("recorded_by", ReadModelSlice.ANALYST);
        assertThat(versions())
                .containsExactly(version(
                        PUBLISHED,
                        ReportedTime.OPEN,
                        ACCOUNT_RECORDED,
                        ReportedTime.OPEN,
                        false,
                        List.of(3L),
                        List.of(3L),
                        "2022-03-29T00:00:00Z",
                        "2022-03-30T00:00:00Z"));

        EventHistoryAnswer history = history(null, null);
        assertThat(history.title()).isEqualTo("Round of talks " + EVENT);
        assertThat(history.inRecordedOrder())
                .extracting(EventHistoryEntry::kind, EventHistoryEntry::id, EventHistoryEntry::ledgerSequence)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(EntryKind.ACCOUNT_RECORDED, ACCOUNT, 3L));
        assertThat(history.inRecordedOrder().get(0).claims().place()).isEqualTo("Istanbul");
        assertThat(history(null, "2025-02-01T10:01:59Z").inRecordedOrder())
                .as("before the ledger recorded the account")
                .isEmpty();
        assertThat(history("2024-04-15", null).inRecordedOrder())
                .as("before its source was published")
                .isEmpty();
    }

    @Test
    void a_correction_replaces_the_fields_it_gives_from_when_it_was_reported_and_only_once_it_was_recorded() {
        givenTheWiresAccountOfTheTalks();
        Instant reported = Instant.parse("2024-05-02T23:59:59.999999Z");
        readModel.handle(at(
                CHANGE_RECORDED.toString(),
                new AccountCorrected(
                        EVENT,
                        ACCOUNT,
                        "talks.wire.correction",
                        Citation.of("wire", "editor's note"),
                        new AccountClaims(OccurredTime.at("2022-03-30"), "Antalya", null, null, null, null, null, null),
                        Moment.of("2024-05-02"),
                        "the source corrected the date and the venue"),
                "editor"));

        assertThat(readModel.row("SELECT fact_kind, counts_from, counts_from_note, reason, recorded_by"
                        + " FROM read_account_fact WHERE ledger_sequence = 4"))
                .containsEntry("fact_kind", "CORRECTED")
                .containsEntry("counts_from", reported)
                .containsEntry("counts_from_note", "reported 2024-05-02: counts from the end of that day (UTC)")
                .containsEntry("reason", "the source corrected the date and the venue")
                .containsEntry("recorded_by", "editor");
        assertThat(versions())
                .containsExactly(
                        // what the ledger showed until it recorded the correction: the account alone, for ever
                        version(
                                PUBLISHED,
                                ReportedTime.OPEN,
                                ACCOUNT_RECORDED,
                                CHANGE_RECORDED,
                                false,
                                List.of(3L),
                                List.of(3L),
                                "2022-03-29T00:00:00Z",
                                "2022-03-30T00:00:00Z"),
                        // since then: the account until the correction was reported ...
                        version(
                                PUBLISHED,
                                reported,
                                CHANGE_RECORDED,
                                ReportedTime.OPEN,
                                false,
                                List.of(3L),
                                List.of(3L),
                                "2022-03-29T00:00:00Z",
                                "2022-03-30T00:00:00Z"),
                        // ... and the corrected account after it, a day later
                        version(
                                reported,
                                ReportedTime.OPEN,
                                CHANGE_RECORDED,
                                ReportedTime.OPEN,
                                false,
                                List.of(4L),
                                List.of(3L, 4L),
                                "2022-03-30T00:00:00Z",
                                "2022-03-31T00:00:00Z"));

        assertThat(history(null, null).inReportedOrder())
                .extracting(EventHistoryEntry::kind)
                .containsExactly(EntryKind.ACCOUNT_RECORDED, EntryKind.ACCOUNT_CORRECTED);
        EventHistoryEntry correction = history(null, null).inReportedOrder().get(1);
        assertThat(correction.claims().place()).isEqualTo("Antalya");
        assertThat(correction.reported().countsFrom()).isEqualTo(reported);
        assertThat(correction.recordedBy()).isEqualTo("editor");
        assertThat(kinds(history("2024-05-02", null)))
                .containsExactly(EntryKind.ACCOUNT_RECORDED, EntryKind.ACCOUNT_CORRECTED);
        assertThat(kinds(history("2024-05-01", null))).containsExactly(EntryKind.ACCOUNT_RECORDED);
        assertThat(kinds(history(null, "2025-02-02"))).containsExactly(EntryKind.ACCOUNT_RECORDED);
    }

    @Test
    void a_retraction_withdraws_the_account_from_when_it_was_reported_and_only_once_it_was_recorded() {
        givenTheWiresAccountOfTheTalks();
        // reported in 2024-06, known only to the month: it counts from the end of June
        Instant reported = Instant.parse("2024-06-30T23:59:59.999999Z");
        readModel.handle(
                at(CHANGE_RECORDED.toString(), retracted(retraction(EVENT, ACCOUNT, "talks.wire.retraction", "wire"))));

        assertThat(versions())
                .extracting(row -> List.of(
                        row.get("reported_from"),
                        row.get("reported_to"),
                        row.get("recorded_from"),
                        row.get("recorded_to"),
                        row.get("retracted"),
                        row.get("causes"),
                        row.get("applied")))
                .containsExactly(
                        List.of(
                                PUBLISHED,
                                ReportedTime.OPEN,
                                ACCOUNT_RECORDED,
                                CHANGE_RECORDED,
                                false,
                                List.of(3L),
                                List.of(3L)),
                        List.of(
                                PUBLISHED,
                                reported,
                                CHANGE_RECORDED,
                                ReportedTime.OPEN,
                                false,
                                List.of(3L),
                                List.of(3L)),
                        List.of(
                                reported,
                                ReportedTime.OPEN,
                                CHANGE_RECORDED,
                                ReportedTime.OPEN,
                                true,
                                List.of(4L),
                                List.of(3L, 4L)));

        EventHistoryEntry retraction =
                history("2024-07-01", null).inRecordedOrder().get(1);
        assertThat(retraction.kind()).isEqualTo(EntryKind.ACCOUNT_RETRACTED);
        assertThat(retraction.reason()).isEqualTo("the source withdrew the report");
        assertThat(retraction.reported().note()).contains("known only to the month");
        assertThat(kinds(history("2024-06-29", null))).containsExactly(EntryKind.ACCOUNT_RECORDED);

        SourceProvenance provenance = readModel.bean(SourceProvenance.class);
        assertThat(provenance
                        .source(new SourceQuery("wire", "2024-06-29", null))
                        .accounts())
                .extracting(SupportedAccount::accountId, SupportedAccount::retracted)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ACCOUNT, false));
        assertThat(provenance
                        .source(new SourceQuery("wire", "2024-07-01", null))
                        .accounts())
                .extracting(SupportedAccount::accountId, SupportedAccount::retracted)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ACCOUNT, true));
    }

    @Test
    void a_link_takes_its_outlet_and_from_when_it_counts_from_the_source_it_cites() {
        givenTheWiresAccountOfTheTalks();
        Instant linkRecorded = Instant.parse("2025-02-05T12:00:00Z");
        readModel.handle(
                at("2025-02-05T11:00:00Z", source("kyiv-paper", "Kyiv Independent", Publication.stated("2024-05"))),
                at("2025-02-05T11:01:00Z", reported(reportEvent("breakdown", "kyiv-paper"))),
                at(
                        linkRecorded.toString(),
                        linked(link(
                                EVENT,
                                "talks-to-breakdown",
                                LinkRelation.LED_TO_BREAKDOWN_OF,
                                "breakdown",
                                "kyiv-paper",
                                null)),
                        "editor"));

        assertThat(readModel.row("SELECT * FROM read_link"))
                .containsEntry("link_id", "talks-to-breakdown")
                .containsEntry("event_id", EVENT)
                .containsEntry("target_event_id", "breakdown")
                .containsEntry("relation", "LED_TO_BREAKDOWN_OF")
                .containsEntry("source_id", "kyiv-paper")
                .containsEntry("outlet", "Kyiv Independent")
                .containsEntry("counts_from", Instant.parse("2024-05-31T23:59:59.999999Z"))
                .containsEntry(
                        "counts_from_note",
                        "published 2024-05, known only to the month: counts from the end of that month")
                .containsEntry("recorded_at", linkRecorded)
                .containsEntry("recorded_by", "editor")
                .containsEntry("ledger_sequence", 6L);

        assertThat(kinds(history("2024-05-30", null))).containsExactly(EntryKind.ACCOUNT_RECORDED);
        EventHistoryEntry link = history("2024-06-01", null).inRecordedOrder().get(1);
        assertThat(link.kind()).isEqualTo(EntryKind.EVENTS_LINKED);
        assertThat(List.of(link.linkFrom(), link.relation(), link.linkTo()))
                .containsExactly(EVENT, LinkRelation.LED_TO_BREAKDOWN_OF, "breakdown");
        assertThat(link.citation().sourceId()).isEqualTo("kyiv-paper");
    }

    @Test
    void an_account_is_judged_against_its_sources_publication_and_the_versions_keep_the_anomalies() {
        readModel.handle(
                at("2025-02-01T10:00:00Z", registered(registerSource("wire"))),
                at("2025-02-01T10:00:01Z", source("undated", "Anonymous blog", Publication.unknown())),
                at("2025-02-01T10:01:00Z", reported(reportEvent(EVENT, "wire"))),
                // the wire was published on 2024-04-16, so it cannot have seen talks on 2024-05-01
                at("2025-02-01T10:02:00Z", accountOf("talks.early", "wire", "2024-05-01")),
                at("2025-02-01T10:03:00Z", accountOf("talks.undated", "undated", "2022-03-29")));

        assertThat(readModel.rows("SELECT account_id, anomalies FROM account_version ORDER BY account_id"))
                .containsExactly(
                        Map.of(
                                "account_id",
                                "talks.early",
                                "anomalies",
                                "[{\"kind\":\"PUBLISHED_BEFORE_OCCURRED\",\"detail\":\"claims it occurred 2024-05-01,"
                                        + " after its source was published (2024-04-16)\"}]"),
                        Map.of(
                                "account_id",
                                "talks.undated",
                                "anomalies",
                                "[{\"kind\":\"UNDATED_SOURCE\",\"detail\":\"the source has no known publication time;"
                                        + " it counts from when Parley recorded it\"}]"));

        SourceProvenance provenance = readModel.bean(SourceProvenance.class);
        assertThat(provenance.source(new SourceQuery("wire", null, null)).anomalies())
                .extracting(Anomaly::kind)
                .containsExactly(Anomaly.Kind.PUBLISHED_BEFORE_OCCURRED);
        assertThat(provenance.source(new SourceQuery("undated", null, null)).anomalies())
                .extracting(Anomaly::kind)
                .containsExactly(Anomaly.Kind.UNDATED_SOURCE);
    }

    private EventHistoryAnswer history(String asOf, String recordedAsOf) {
        return readModel.bean(EventHistory.class).answer(new EventHistoryQuery(EVENT, asOf, recordedAsOf));
    }

    private static List<EntryKind> kinds(EventHistoryAnswer history) {
        return history.inRecordedOrder().stream().map(EventHistoryEntry::kind).toList();
    }

    private List<Map<String, Object>> versions() {
        return readModel.rows(
                "SELECT reported_from, reported_to, recorded_from, recorded_to, retracted, causes,"
                        + " applied, occurred_start, occurred_end FROM account_version WHERE account_id = ?"
                        + " ORDER BY recorded_from, reported_from",
                ACCOUNT);
    }

    private static Map<String, Object> version(
            Instant reportedFrom,
            Instant reportedTo,
            Instant recordedFrom,
            Instant recordedTo,
            boolean retracted,
            List<Long> causes,
            List<Long> applied,
            String occurredStart,
            String occurredEnd) {
        return Map.of(
                "reported_from", reportedFrom,
                "reported_to", reportedTo,
                "recorded_from", recordedFrom,
                "recorded_to", recordedTo,
                "retracted", retracted,
                "causes", causes,
                "applied", applied,
                "occurred_start", Instant.parse(occurredStart),
                "occurred_end", Instant.parse(occurredEnd));
    }

    private static AccountRecorded accountOf(String accountId, String sourceId, String occurred) {
        return new AccountRecorded(EVENT, accountId, Citation.of(sourceId, "¶2"), claims(occurred, "Istanbul"));
    }

    private static SourceRegistered source(String sourceId, String outlet, Publication publication) {
        RegisterSource source = registerSource(sourceId);
        return new SourceRegistered(
                sourceId,
                source.title(),
                outlet,
                source.authors(),
                source.kind(),
                publication,
                source.url(),
                source.language(),
                null,
                List.of());
    }
}
