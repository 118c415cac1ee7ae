package org.parley.history.service.events.write;

import static org.hamcrest.Matchers.containsString;
import static org.parley.history.service.commands.CommandRefused.Reason.ID_CONFLICT;
import static org.parley.history.service.commands.CommandRefused.Reason.INVALID;
import static org.parley.history.service.commands.CommandRefused.Reason.NOT_FOUND;
import static org.parley.history.service.commands.CommandRefused.Reason.UNKNOWN_REFERENCE;
import static org.parley.history.service.commands.LedgerFixtures.account;
import static org.parley.history.service.commands.LedgerFixtures.assertedBy;
import static org.parley.history.service.commands.LedgerFixtures.corrected;
import static org.parley.history.service.commands.LedgerFixtures.correction;
import static org.parley.history.service.commands.LedgerFixtures.expecting;
import static org.parley.history.service.commands.LedgerFixtures.fixtureFor;
import static org.parley.history.service.commands.LedgerFixtures.link;
import static org.parley.history.service.commands.LedgerFixtures.linked;
import static org.parley.history.service.commands.LedgerFixtures.recorded;
import static org.parley.history.service.commands.LedgerFixtures.refused;
import static org.parley.history.service.commands.LedgerFixtures.refusedAsStale;
import static org.parley.history.service.commands.LedgerFixtures.reportEvent;
import static org.parley.history.service.commands.LedgerFixtures.reported;
import static org.parley.history.service.commands.LedgerFixtures.retracted;
import static org.parley.history.service.commands.LedgerFixtures.retraction;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.parley.history.contract.command.CorrectAccount;
import org.parley.history.contract.command.CorrectFlag;
import org.parley.history.contract.command.FlagAccount;
import org.parley.history.contract.command.LinkEvents;
import org.parley.history.contract.command.RecordAccount;
import org.parley.history.contract.command.ReportDiplomaticEvent;
import org.parley.history.contract.command.RetractAccount;
import org.parley.history.contract.command.RetractFlag;
import org.parley.history.contract.event.AccountFlagged;
import org.parley.history.contract.event.AccountRecorded;
import org.parley.history.contract.event.DiplomaticEventReported;
import org.parley.history.contract.event.FlagCorrected;
import org.parley.history.contract.event.FlagRetracted;
import org.parley.history.contract.value.Anomaly;
import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.LinkRelation;
import org.parley.history.contract.value.Publication;
import org.parley.history.service.commands.InMemoryLedgerLookup;
import org.parley.history.service.commands.LedgerFixtures;
import org.parley.history.service.commands.WriteReceipt;

class DiplomaticEventTest {

    private static org.hamcrest.Matcher<WriteReceipt> receiptFlagging(Anomaly.Kind kind) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(WriteReceipt receipt) {
                return receipt.anomalies().size() == 1
                        && receipt.anomalies().get(0).kind() == kind;
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("a receipt flagging exactly one " + kind);
            }
        };
    }

    /** Talks in Istanbul, reported by s1 (version 0). */
    private static final DiplomaticEventReported ISTANBUL = reported(reportEvent("e1", "s1"));
    /** s1's account of them (version 1 when it follows the report). */
    private static final AccountRecorded S1_ACCOUNT = recorded(account("e1", "a1", "s1"));
    /** s2's account of them. */
    private static final AccountRecorded S2_ACCOUNT = recorded(account("e1", "a2", "s2", "Dolmabahçe Palace"));

    private final InMemoryLedgerLookup ledger = new InMemoryLedgerLookup().knowsSources("s1", "s2");
    private FixtureConfiguration<DiplomaticEvent> fixture;

    @BeforeEach
    void fixture() {
        fixture = fixtureFor(DiplomaticEvent.class, ledger);
    }

    /** The ledger holds these events of e1 (and so knows their ids), and the fixture is given them. */
    private TestExecutor<DiplomaticEvent> given(Object... history) {
        ledger.learn(history);
        return fixture.given(history);
    }

    @Nested
    class Reporting {

        @Test
        void a_reported_event_is_on_the_ledger_at_version_zero() {
            ReportDiplomaticEvent command = reportEvent("e1", "s1");

            fixture.givenNoPriorActivity()
                    .when(command)
                    .expectEvents(reported(command))
                    .expectResultMessagePayload(WriteReceipt.recorded("e1", "e1", 0));
        }

        @Test
        void a_retried_report_writes_nothing_and_is_answered_as_replayed() {
            given(ISTANBUL, S1_ACCOUNT)
                    .when(reportEvent("e1", "s1"))
                    .expectNoEvents()
                    .expectResultMessagePayload(WriteReceipt.replayed("e1", "e1", 0));
        }

        @Test
        void the_same_event_id_with_another_title_is_refused_as_an_id_conflict() {
            given(ISTANBUL)
                    .when(reportEvent("e1", "s1", "Another title"))
                    .expectNoEvents()
                    .expectException(refused(ID_CONFLICT, "eventId"))
                    .expectExceptionMessage(containsString("already reported with different content"));
        }

        @Test
        void a_report_citing_an_unknown_source_is_refused_naming_the_citation_source() {
            fixture.givenNoPriorActivity()
                    .when(reportEvent("e1", "no-such-source"))
                    .expectNoEvents()
                    .expectException(refused(UNKNOWN_REFERENCE, "citation.sourceId"));
        }

        @Test
        void an_event_id_that_already_names_a_source_is_refused_as_an_id_conflict() {
            fixture.givenNoPriorActivity()
                    .when(reportEvent("s2", "s1"))
                    .expectNoEvents()
                    .expectException(refused(ID_CONFLICT, "eventId"))
                    .expectExceptionMessage(containsString("already names a source"));
        }
    }

    @Nested
    class RecordingAnAccount {

        @Test
        void an_account_of_something_after_its_source_was_published_is_kept_and_flagged() {
            ledger.knowsSource("s-2023", Publication.stated("2023-02"));
            RecordAccount command = new RecordAccount(
                    "e1", "a1", Citation.of("s-2023", "¶4"), LedgerFixtures.claims("2024-06-15", "Bürgenstock"), null);

            given(ISTANBUL)
                    .when(command)
                    .expectEvents(recorded(command))
                    .expectResultMessagePayloadMatching(receiptFlagging(Anomaly.Kind.PUBLISHED_BEFORE_OCCURRED));
        }

        @Test
        void an_account_from_an_undated_source_is_kept_and_flagged() {
            ledger.knowsSource("s-undated", Publication.unknown());
            RecordAccount command = new RecordAccount(
                    "e1", "a1", Citation.of("s-undated", "¶4"), LedgerFixtures.claims("2022-03-29", "Istanbul"), null);

            given(ISTANBUL)
                    .when(command)
                    .expectEvents(recorded(command))
                    .expectResultMessagePayloadMatching(receiptFlagging(Anomaly.Kind.UNDATED_SOURCE));
        }

        @Test
        void an_account_of_something_before_its_source_was_published_is_not_flagged() {
            ledger.knowsSource("s-2024", Publication.stated("2024-04-16"));
            RecordAccount command = new RecordAccount(
                    "e1", "a1", Citation.of("s-2024", "¶4"), LedgerFixtures.claims("2022-03-29", "Istanbul"), null);

            given(ISTANBUL).when(command).expectResultMessagePayload(WriteReceipt.recorded("e1", "a1", 1));
        }

        @Test
        void a_new_account_is_recorded_at_the_next_version() {
            RecordAccount command = account("e1", "a1", "s1");

            given(ISTANBUL)
                    .when(command)
                    .expectEvents(recorded(command))
                    .expectResultMessagePayload(WriteReceipt.recorded("e1", "a1", 1));
        }

        @Test
        void a_retried_account_is_answered_with_its_original_version() {
            given(ISTANBUL, S1_ACCOUNT, S2_ACCOUNT, linked(link("e1", "l1", "e2", "s1")))
                    .when(account("e1", "a1", "s1"))
                    .expectNoEvents()
                    .expectResultMessagePayload(WriteReceipt.replayed("e1", "a1", 1));
        }

        @Test
        void a_retried_account_is_replayed_even_though_the_version_it_expected_is_no_longer_current() {
            given(ISTANBUL, S1_ACCOUNT, S2_ACCOUNT)
                    .when(expecting(account("e1", "a1", "s1"), 0))
                    .expectNoEvents()
                    .expectResultMessagePayload(WriteReceipt.replayed("e1", "a1", 1));
        }

        @Test
        void an_account_id_reused_with_different_claims_is_refused_as_an_id_conflict() {
            given(ISTANBUL, S1_ACCOUNT)
                    .when(account("e1", "a1", "s1", "Antalya"))
                    .expectNoEvents()
                    .expectException(refused(ID_CONFLICT, "accountId"));
        }

        @Test
        void an_account_id_that_belongs_to_another_event_is_refused_as_an_id_conflict() {
            ledger.knowsAccount("a1", "e2");

            given(ISTANBUL)
                    .when(account("e1", "a1", "s1"))
                    .expectNoEvents()
                    .expectException(refused(ID_CONFLICT, "accountId"))
                    .expectExceptionMessage(containsString("already belongs to 'e2'"));
        }

        @Test
        void a_stale_expected_version_is_refused_with_the_current_version() {
            given(ISTANBUL, S1_ACCOUNT)
                    .when(expecting(account("e1", "a2", "s2"), 0))
                    .expectNoEvents()
                    .expectException(refusedAsStale(1));
        }

        @Test
        void the_current_expected_version_is_accepted() {
            RecordAccount command = expecting(account("e1", "a2", "s2"), 1);

            given(ISTANBUL, S1_ACCOUNT)
                    .when(command)
                    .expectEvents(recorded(command))
                    .expectResultMessagePayload(WriteReceipt.recorded("e1", "a2", 2));
        }

        @Test
        void an_account_citing_an_unknown_source_is_refused_naming_the_citation_source() {
            given(ISTANBUL)
                    .when(account("e1", "a1", "no-such-source"))
                    .expectNoEvents()
                    .expectException(refused(UNKNOWN_REFERENCE, "citation.sourceId"));
        }

        @Test
        void an_account_of_an_event_that_was_never_reported_finds_no_aggregate() {
            fixture.givenNoPriorActivity()
                    .when(account("e1", "a1", "s1"))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }
    }

    @Nested
    class CorrectingAnAccount {

        @Test
        void a_correction_of_a_live_account_is_recorded_at_the_next_version() {
            CorrectAccount command = correction("e1", "a1", "c1", "s2");

            given(ISTANBUL, S1_ACCOUNT)
                    .when(command)
                    .expectEvents(corrected(command))
                    .expectResultMessagePayload(WriteReceipt.recorded("e1", "c1", 2));
        }

        @Test
        void correcting_an_account_the_event_does_not_have_is_refused_as_not_found() {
            given(ISTANBUL, S1_ACCOUNT)
                    .when(correction("e1", "a9", "c1", "s1"))
                    .expectNoEvents()
                    .expectException(refused(NOT_FOUND, "accountId"));
        }

        @Test
        void correcting_an_account_of_another_event_is_refused_as_not_found() {
            ledger.knowsAccount("a9", "e2");

            given(ISTANBUL, S1_ACCOUNT)
                    .when(correction("e1", "a9", "c1", "s1"))
                    .expectNoEvents()
                    .expectException(refused(NOT_FOUND, "accountId"));
        }

        @Test
        void correcting_a_retracted_account_is_refused_as_invalid() {
            given(ISTANBUL, S1_ACCOUNT, retracted(retraction("e1", "a1", "r1", "s1")))
                    .when(correction("e1", "a1", "c1", "s1"))
                    .expectNoEvents()
                    .expectException(refused(INVALID, "accountId"))
                    .expectExceptionMessage(containsString("retracted by 'r1'"));
        }

        @Test
        void a_retried_correction_is_answered_with_its_original_version() {
            CorrectAccount command = correction("e1", "a1", "c1", "s2");

            given(ISTANBUL, S1_ACCOUNT, corrected(command), S2_ACCOUNT)
                    .when(command)
                    .expectNoEvents()
                    .expectResultMessagePayload(WriteReceipt.replayed("e1", "c1", 2));
        }

        @Test
        void a_retried_correction_is_replayed_even_after_its_account_was_retracted() {
            CorrectAccount command = correction("e1", "a1", "c1", "s2");

            given(ISTANBUL, S1_ACCOUNT, corrected(command), retracted(retraction("e1", "a1", "r1", "s1")))
                    .when(command)
                    .expectNoEvents()
                    .expectResultMessagePayload(WriteReceipt.replayed("e1", "c1", 2));
        }

        @Test
        void a_correction_id_reused_with_different_claims_is_refused_as_an_id_conflict() {
            given(ISTANBUL, S1_ACCOUNT, corrected(correction("e1", "a1", "c1", "s2")))
                    .when(correction("e1", "a1", "c1", "s2", "Ankara"))
                    .expectNoEvents()
                    .expectException(refused(ID_CONFLICT, "correctionId"));
        }

        @Test
        void a_correction_citing_an_unknown_source_is_refused_naming_the_citation_source() {
            given(ISTANBUL, S1_ACCOUNT)
                    .when(correction("e1", "a1", "c1", "no-such-source"))
                    .expectNoEvents()
                    .expectException(refused(UNKNOWN_REFERENCE, "citation.sourceId"));
        }

        @Test
        void a_correction_expecting_a_stale_version_is_refused_with_the_current_version() {
            given(ISTANBUL, S1_ACCOUNT, S2_ACCOUNT)
                    .when(expecting(correction("e1", "a1", "c1", "s2"), 1))
                    .expectNoEvents()
                    .expectException(refusedAsStale(2));
        }
    }

    @Nested
    class RetractingAnAccount {

        @Test
        void a_retraction_of_a_live_account_is_recorded_at_the_next_version() {
            RetractAccount command = retraction("e1", "a1", "r1", "s1");

            given(ISTANBUL, S1_ACCOUNT)
                    .when(command)
                    .expectEvents(retracted(command))
                    .expectResultMessagePayload(WriteReceipt.recorded("e1", "r1", 2));
        }

        @Test
        void a_retried_retraction_is_answered_with_its_original_version() {
            RetractAccount command = retraction("e1", "a1", "r1", "s1");

            given(ISTANBUL, S1_ACCOUNT, retracted(command), S2_ACCOUNT)
                    .when(command)
                    .expectNoEvents()
                    .expectResultMessagePayload(WriteReceipt.replayed("e1", "r1", 2));
        }

        @Test
        void a_second_retraction_of_the_same_account_under_another_id_is_refused_as_invalid() {
            given(ISTANBUL, S1_ACCOUNT, retracted(retraction("e1", "a1", "r1", "s1")))
                    .when(retraction("e1", "a1", "r2", "s1"))
                    .expectNoEvents()
                    .expectException(refused(INVALID, "accountId"))
                    .expectExceptionMessage(containsString("retracted by 'r1'"));
        }

        @Test
        void a_retraction_id_reused_with_another_reason_is_refused_as_an_id_conflict() {
            given(ISTANBUL, S1_ACCOUNT, retracted(retraction("e1", "a1", "r1", "s1")))
                    .when(retraction("e1", "a1", "r1", "s1", "another reason"))
                    .expectNoEvents()
                    .expectException(refused(ID_CONFLICT, "retractionId"));
        }

        @Test
        void retracting_an_account_the_event_does_not_have_is_refused_as_not_found() {
            given(ISTANBUL, S1_ACCOUNT)
                    .when(retraction("e1", "a9", "r1", "s1"))
                    .expectNoEvents()
                    .expectException(refused(NOT_FOUND, "accountId"));
        }

        @Test
        void a_retraction_citing_an_unknown_source_is_refused_naming_the_citation_source() {
            given(ISTANBUL, S1_ACCOUNT)
                    .when(retraction("e1", "a1", "r1", "no-such-source"))
                    .expectNoEvents()
                    .expectException(refused(UNKNOWN_REFERENCE, "citation.sourceId"));
        }

        @Test
        void a_retraction_expecting_a_stale_version_is_refused_with_the_current_version() {
            given(ISTANBUL, S1_ACCOUNT, S2_ACCOUNT)
                    .when(expecting(retraction("e1", "a1", "r1", "s1"), 0))
                    .expectNoEvents()
                    .expectException(refusedAsStale(2));
        }
    }

    @Nested
    class LinkingEvents {

        @BeforeEach
        void anotherEventIsOnTheLedger() {
            ledger.knowsEvents("e2");
        }

        @Test
        void a_link_to_an_event_on_the_ledger_is_recorded_at_the_next_version() {
            LinkEvents command = link("e1", "l1", "e2", "s1");

            given(ISTANBUL)
                    .when(command)
                    .expectEvents(linked(command))
                    .expectResultMessagePayload(WriteReceipt.recorded("e1", "l1", 1));
        }

        @Test
        void a_link_asserted_by_one_of_the_events_accounts_is_recorded() {
            LinkEvents command = assertedBy(link("e1", "l1", "e2", "s1"), "a1");

            given(ISTANBUL, S1_ACCOUNT)
                    .when(command)
                    .expectEvents(linked(command))
                    .expectResultMessagePayload(WriteReceipt.recorded("e1", "l1", 2));
        }

        @Test
        void linking_an_event_to_itself_is_refused_as_invalid() {
            given(ISTANBUL)
                    .when(link("e1", "l1", "e1", "s1"))
                    .expectNoEvents()
                    .expectException(refused(INVALID, "targetEventId"));
        }

        @Test
        void a_link_to_an_event_not_on_the_ledger_is_refused_naming_the_target() {
            given(ISTANBUL)
                    .when(link("e1", "l1", "no-such-event", "s1"))
                    .expectNoEvents()
                    .expectException(refused(UNKNOWN_REFERENCE, "targetEventId"));
        }

        @Test
        void a_link_to_a_source_is_refused_because_the_target_must_be_a_diplomatic_event() {
            given(ISTANBUL)
                    .when(link("e1", "l1", "s2", "s1"))
                    .expectNoEvents()
                    .expectException(refused(UNKNOWN_REFERENCE, "targetEventId"));
        }

        @Test
        void a_link_asserted_by_an_account_this_event_does_not_have_is_refused() {
            ledger.knowsAccount("a9", "e2");

            given(ISTANBUL, S1_ACCOUNT)
                    .when(assertedBy(link("e1", "l1", "e2", "s1"), "a9"))
                    .expectNoEvents()
                    .expectException(refused(UNKNOWN_REFERENCE, "accountId"));
        }

        @Test
        void a_link_id_that_belongs_to_another_event_is_refused_as_an_id_conflict() {
            ledger.knowsLink("l1", "e2");

            given(ISTANBUL)
                    .when(link("e1", "l1", "e2", "s1"))
                    .expectNoEvents()
                    .expectException(refused(ID_CONFLICT, "linkId"))
                    .expectExceptionMessage(containsString("already belongs to 'e2'"));
        }

        @Test
        void a_retried_link_is_answered_with_its_original_version() {
            LinkEvents command = link("e1", "l1", "e2", "s1");

            given(ISTANBUL, linked(command), S1_ACCOUNT)
                    .when(command)
                    .expectNoEvents()
                    .expectResultMessagePayload(WriteReceipt.replayed("e1", "l1", 1));
        }

        @Test
        void a_link_id_reused_with_another_relation_is_refused_as_an_id_conflict() {
            given(ISTANBUL, linked(link("e1", "l1", "e2", "s1")))
                    .when(link("e1", "l1", LinkRelation.PRECEDED, "e2", "s1", null))
                    .expectNoEvents()
                    .expectException(refused(ID_CONFLICT, "linkId"));
        }

        @Test
        void a_link_citing_an_unknown_source_is_refused_naming_the_citation_source() {
            given(ISTANBUL)
                    .when(link("e1", "l1", "e2", "no-such-source"))
                    .expectNoEvents()
                    .expectException(refused(UNKNOWN_REFERENCE, "citation.sourceId"));
        }

        @Test
        void a_link_expecting_a_stale_version_is_refused_with_the_current_version() {
            given(ISTANBUL, S1_ACCOUNT)
                    .when(expecting(link("e1", "l1", "e2", "s1"), 0))
                    .expectNoEvents()
                    .expectException(refusedAsStale(1));
        }
    }

    @Nested
    class FlaggingAnAccount {

        private static final Citation WHERE = Citation.of("s1", "¶14");
        private static final String WHY = "describes a summit that took place after the source's date";
        private final FlagAccount flag = new FlagAccount("e1", "a1", "f1", WHERE, WHY, null);
        private final AccountFlagged flagged = new AccountFlagged("e1", "a1", "f1", WHERE, WHY);

        @Test
        void an_editor_flags_an_account_and_the_account_stays_as_it_was() {
            given(ISTANBUL, S1_ACCOUNT)
                    .when(flag)
                    .expectEvents(flagged)
                    .expectResultMessagePayload(WriteReceipt.recorded("e1", "f1", 2));
        }

        @Test
        void a_retried_flag_writes_nothing_and_the_same_id_with_another_reason_is_refused() {
            given(ISTANBUL, S1_ACCOUNT, flagged)
                    .when(flag)
                    .expectNoEvents()
                    .expectResultMessagePayload(WriteReceipt.replayed("e1", "f1", 2));
            given(ISTANBUL, S1_ACCOUNT, flagged)
                    .when(new FlagAccount("e1", "a1", "f1", WHERE, "another reason", null))
                    .expectNoEvents()
                    .expectException(refused(ID_CONFLICT, "flagId"));
        }

        @Test
        void a_flag_of_an_unknown_or_retracted_account_or_citing_an_unknown_source_is_refused() {
            given(ISTANBUL).when(flag).expectNoEvents().expectException(refused(NOT_FOUND, "accountId"));
            given(ISTANBUL, S1_ACCOUNT, retracted(retraction("e1", "a1", "r1", "s1")))
                    .when(flag)
                    .expectNoEvents()
                    .expectException(refused(INVALID, "accountId"));
            given(ISTANBUL, S1_ACCOUNT)
                    .when(new FlagAccount("e1", "a1", "f1", Citation.of("no-such-source", "¶1"), WHY, null))
                    .expectNoEvents()
                    .expectException(refused(UNKNOWN_REFERENCE, "citation.sourceId"));
        }

        @Test
        void a_flag_is_corrected_and_retracted_like_an_account_and_not_after_its_retraction() {
            FlagCorrected corrected = new FlagCorrected("e1", "f1", "f1.c1", WHERE, "a better reason");
            FlagRetracted withdrawn = new FlagRetracted("e1", "f1", "f1.r1", WHERE, "the editor misread the date");
            given(ISTANBUL, S1_ACCOUNT, flagged)
                    .when(new CorrectFlag("e1", "f1", "f1.c1", WHERE, "a better reason", null))
                    .expectEvents(corrected)
                    .expectResultMessagePayload(WriteReceipt.recorded("e1", "f1.c1", 3));
            given(ISTANBUL, S1_ACCOUNT, flagged, corrected)
                    .when(new RetractFlag("e1", "f1", "f1.r1", WHERE, "the editor misread the date", null))
                    .expectEvents(withdrawn)
                    .expectResultMessagePayload(WriteReceipt.recorded("e1", "f1.r1", 4));
            given(ISTANBUL, S1_ACCOUNT, flagged, withdrawn)
                    .when(new CorrectFlag("e1", "f1", "f1.c2", WHERE, "too late", null))
                    .expectNoEvents()
                    .expectException(refused(INVALID, "flagId"));
        }

        @Test
        void correcting_or_retracting_a_flag_that_does_not_exist_is_refused_naming_the_flag() {
            given(ISTANBUL, S1_ACCOUNT)
                    .when(new RetractFlag("e1", "f9", "f9.r1", WHERE, "no such flag", null))
                    .expectNoEvents()
                    .expectException(refused(NOT_FOUND, "flagId"));
        }

        @Test
        void a_flag_expecting_a_stale_version_is_refused_with_the_current_version() {
            given(ISTANBUL, S1_ACCOUNT)
                    .when(new FlagAccount("e1", "a1", "f1", WHERE, WHY, 0L))
                    .expectNoEvents()
                    .expectException(refusedAsStale(1));
        }
    }
}
