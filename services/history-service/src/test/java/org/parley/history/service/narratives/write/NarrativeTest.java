package org.parley.history.service.narratives.write;

import static org.hamcrest.Matchers.containsString;
import static org.parley.history.service.commands.CommandRefused.Reason.ID_CONFLICT;
import static org.parley.history.service.commands.CommandRefused.Reason.INVALID;
import static org.parley.history.service.commands.CommandRefused.Reason.UNKNOWN_REFERENCE;
import static org.parley.history.service.commands.LedgerFixtures.accounts;
import static org.parley.history.service.commands.LedgerFixtures.defineNarrative;
import static org.parley.history.service.commands.LedgerFixtures.defined;
import static org.parley.history.service.commands.LedgerFixtures.expecting;
import static org.parley.history.service.commands.LedgerFixtures.fixtureFor;
import static org.parley.history.service.commands.LedgerFixtures.links;
import static org.parley.history.service.commands.LedgerFixtures.outlets;
import static org.parley.history.service.commands.LedgerFixtures.refused;
import static org.parley.history.service.commands.LedgerFixtures.refusedAsStale;
import static org.parley.history.service.commands.LedgerFixtures.reviseNarrative;
import static org.parley.history.service.commands.LedgerFixtures.revised;
import static org.parley.history.service.commands.LedgerFixtures.selection;
import static org.parley.history.service.commands.LedgerFixtures.sources;

import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.parley.history.contract.command.DefineNarrative;
import org.parley.history.contract.command.ReviseNarrative;
import org.parley.history.contract.event.NarrativeDefined;
import org.parley.history.service.commands.InMemoryLedgerLookup;
import org.parley.history.service.commands.WriteReceipt;

class NarrativeTest {

    /** A narrative told by s1 alone (version 0). */
    private static final NarrativeDefined BY_S1 = defined(defineNarrative("n1", sources("s1")));

    /** Sources s1 and s2, event e1 with account a1 and link l1. */
    private final InMemoryLedgerLookup ledger = new InMemoryLedgerLookup()
            .knowsSources("s1", "s2")
            .knowsAccount("a1", "e1")
            .knowsLink("l1", "e1");

    private FixtureConfiguration<Narrative> fixture;

    @BeforeEach
    void fixture() {
        fixture = fixtureFor(Narrative.class, ledger);
    }

    @Nested
    class Defining {

        @Test
        void a_narrative_over_sources_accounts_and_links_on_the_ledger_is_defined_at_version_zero() {
            DefineNarrative command =
                    defineNarrative("n1", selection(List.of("s1", "s2"), List.of("a1"), List.of("l1")));

            fixture.givenNoPriorActivity()
                    .when(command)
                    .expectEvents(defined(command))
                    .expectResultMessagePayload(WriteReceipt.recorded("n1", "n1", 0));
        }

        @Test
        void a_narrative_selecting_only_outlets_is_defined_without_consulting_the_ledger() {
            DefineNarrative command = defineNarrative("n1", outlets("Foreign Affairs", "Die Welt"));

            fixture.givenNoPriorActivity()
                    .when(command)
                    .expectEvents(defined(command))
                    .expectResultMessagePayload(WriteReceipt.recorded("n1", "n1", 0));
        }

        @Test
        void a_retried_definition_writes_nothing_and_is_answered_as_replayed() {
            fixture.given(BY_S1)
                    .when(defineNarrative("n1", sources("s1")))
                    .expectNoEvents()
                    .expectResultMessagePayload(WriteReceipt.replayed("n1", "n1", 0));
        }

        @Test
        void a_retried_definition_is_answered_with_version_zero_even_after_revisions() {
            fixture.given(BY_S1, revised(reviseNarrative("n1", "r1", sources("s2"))))
                    .when(defineNarrative("n1", sources("s1")))
                    .expectNoEvents()
                    .expectResultMessagePayload(WriteReceipt.replayed("n1", "n1", 0));
        }

        @Test
        void the_same_narrative_id_with_another_selection_is_refused_as_an_id_conflict() {
            fixture.given(BY_S1)
                    .when(defineNarrative("n1", sources("s2")))
                    .expectNoEvents()
                    .expectException(refused(ID_CONFLICT, "narrativeId"))
                    .expectExceptionMessage(containsString("already defined with different content"));
        }

        @Test
        void the_built_in_all_sources_narrative_cannot_be_defined() {
            fixture.givenNoPriorActivity()
                    .when(defineNarrative(Narrative.ALL_SOURCES, sources("s1")))
                    .expectNoEvents()
                    .expectException(refused(INVALID, "narrativeId"))
                    .expectExceptionMessage(containsString("built-in"));
        }

        @Test
        void a_narrative_id_that_already_names_a_source_is_refused_as_an_id_conflict() {
            fixture.givenNoPriorActivity()
                    .when(defineNarrative("s2", sources("s1")))
                    .expectNoEvents()
                    .expectException(refused(ID_CONFLICT, "narrativeId"))
                    .expectExceptionMessage(containsString("already names a source"));
        }

        @Test
        void selecting_an_unknown_source_is_refused_naming_its_position() {
            fixture.givenNoPriorActivity()
                    .when(defineNarrative("n1", sources("s1", "no-such-source")))
                    .expectNoEvents()
                    .expectException(refused(UNKNOWN_REFERENCE, "selection.sourceIds[1]"));
        }

        @Test
        void selecting_an_unknown_account_is_refused_naming_its_position() {
            fixture.givenNoPriorActivity()
                    .when(defineNarrative("n1", accounts("no-such-account", "a1")))
                    .expectNoEvents()
                    .expectException(refused(UNKNOWN_REFERENCE, "selection.accountIds[0]"));
        }

        @Test
        void selecting_an_unknown_link_is_refused_naming_its_position() {
            fixture.givenNoPriorActivity()
                    .when(defineNarrative("n1", links("l1", "no-such-link")))
                    .expectNoEvents()
                    .expectException(refused(UNKNOWN_REFERENCE, "selection.linkIds[1]"));
        }

        @Test
        void a_link_id_does_not_pass_for_an_account_id() {
            fixture.givenNoPriorActivity()
                    .when(defineNarrative("n1", accounts("l1")))
                    .expectNoEvents()
                    .expectException(refused(UNKNOWN_REFERENCE, "selection.accountIds[0]"));
        }
    }

    @Nested
    class Revising {

        @Test
        void a_revision_is_recorded_at_the_next_version() {
            ReviseNarrative command =
                    reviseNarrative("n1", "r1", selection(List.of("s2"), List.of("a1"), List.of("l1")));

            fixture.given(BY_S1)
                    .when(command)
                    .expectEvents(revised(command))
                    .expectResultMessagePayload(WriteReceipt.recorded("n1", "r1", 1));
        }

        @Test
        void a_retried_revision_is_answered_with_its_original_version() {
            ReviseNarrative command = reviseNarrative("n1", "r1", sources("s2"));

            fixture.given(BY_S1, revised(command), revised(reviseNarrative("n1", "r2", sources("s1", "s2"))))
                    .when(command)
                    .expectNoEvents()
                    .expectResultMessagePayload(WriteReceipt.replayed("n1", "r1", 1));
        }

        @Test
        void a_retried_revision_is_replayed_even_though_the_version_it_expected_is_no_longer_current() {
            ReviseNarrative command = expecting(reviseNarrative("n1", "r1", sources("s2")), 0);

            fixture.given(BY_S1, revised(command), revised(reviseNarrative("n1", "r2", sources("s1", "s2"))))
                    .when(command)
                    .expectNoEvents()
                    .expectResultMessagePayload(WriteReceipt.replayed("n1", "r1", 1));
        }

        @Test
        void a_revision_id_reused_with_another_selection_is_refused_as_an_id_conflict() {
            fixture.given(BY_S1, revised(reviseNarrative("n1", "r1", sources("s2"))))
                    .when(reviseNarrative("n1", "r1", sources("s1")))
                    .expectNoEvents()
                    .expectException(refused(ID_CONFLICT, "revisionId"));
        }

        @Test
        void a_stale_expected_version_is_refused_with_the_current_version() {
            fixture.given(BY_S1, revised(reviseNarrative("n1", "r1", sources("s2"))))
                    .when(expecting(reviseNarrative("n1", "r2", sources("s1")), 0))
                    .expectNoEvents()
                    .expectException(refusedAsStale(1));
        }

        @Test
        void the_current_expected_version_is_accepted() {
            ReviseNarrative command = expecting(reviseNarrative("n1", "r2", sources("s1")), 1);

            fixture.given(BY_S1, revised(reviseNarrative("n1", "r1", sources("s2"))))
                    .when(command)
                    .expectEvents(revised(command))
                    .expectResultMessagePayload(WriteReceipt.recorded("n1", "r2", 2));
        }

        @Test
        void a_revision_selecting_an_unknown_source_is_refused_naming_its_position() {
            fixture.given(BY_S1)
                    .when(reviseNarrative("n1", "r1", sources("no-such-source")))
                    .expectNoEvents()
                    .expectException(refused(UNKNOWN_REFERENCE, "selection.sourceIds[0]"));
        }

        @Test
        void a_revision_selecting_an_unknown_account_is_refused_naming_its_position() {
            fixture.given(BY_S1)
                    .when(reviseNarrative("n1", "r1", accounts("a1", "no-such-account")))
                    .expectNoEvents()
                    .expectException(refused(UNKNOWN_REFERENCE, "selection.accountIds[1]"));
        }

        @Test
        void a_revision_selecting_an_unknown_link_is_refused_naming_its_position() {
            fixture.given(BY_S1)
                    .when(reviseNarrative("n1", "r1", links("no-such-link")))
                    .expectNoEvents()
                    .expectException(refused(UNKNOWN_REFERENCE, "selection.linkIds[0]"));
        }

        @Test
        void revising_a_narrative_that_was_never_defined_finds_no_aggregate() {
            fixture.givenNoPriorActivity()
                    .when(reviseNarrative("n1", "r1", sources("s1")))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }
    }
}
