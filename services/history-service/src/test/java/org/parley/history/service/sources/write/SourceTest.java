package org.parley.history.service.sources.write;

import static org.hamcrest.Matchers.containsString;
import static org.parley.history.service.commands.CommandRefused.Reason.ID_CONFLICT;
import static org.parley.history.service.commands.CommandRefused.Reason.UNKNOWN_REFERENCE;
import static org.parley.history.service.commands.LedgerFixtures.fixtureFor;
import static org.parley.history.service.commands.LedgerFixtures.refused;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;
import static org.parley.history.service.commands.LedgerFixtures.registered;
import static org.parley.history.service.commands.LedgerFixtures.retitled;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.history.contract.command.RegisterSource;
import org.parley.history.service.commands.InMemoryLedgerLookup;
import org.parley.history.service.commands.WriteReceipt;

class SourceTest {

    private final InMemoryLedgerLookup ledger = new InMemoryLedgerLookup();
    private FixtureConfiguration<Source> fixture;

    @BeforeEach
    void fixture() {
        fixture = fixtureFor(Source.class, ledger);
    }

    @Test
    void a_new_source_is_registered_at_version_zero() {
        RegisterSource command = registerSource("s1");

        fixture.givenNoPriorActivity()
                .when(command)
                .expectEvents(registered(command))
                .expectResultMessagePayload(WriteReceipt.recorded("s1", "s1", 0));
    }

    @Test
    void a_source_that_republishes_and_rests_on_registered_sources_is_registered_with_its_provenance() {
        ledger.knowsSources("original", "fa-1", "fa-2");
        RegisterSource command = registerSource("s2", "original", "fa-1", "fa-2");

        fixture.givenNoPriorActivity()
                .when(command)
                .expectEvents(registered(command))
                .expectResultMessagePayload(WriteReceipt.recorded("s2", "s2", 0));
    }

    @Test
    void a_retried_registration_writes_nothing_and_is_answered_as_replayed_with_the_same_version() {
        RegisterSource command = registerSource("s1");

        fixture.given(registered(command))
                .when(command)
                .expectNoEvents()
                .expectResultMessagePayload(WriteReceipt.replayed("s1", "s1", 0));
    }

    @Test
    void a_retry_that_omits_an_empty_list_is_the_same_registration() {
        RegisterSource first = registerSource("s1");
        RegisterSource retry = new RegisterSource(
                first.sourceId(),
                first.title(),
                first.outlet(),
                first.authors(),
                first.kind(),
                first.publication(),
                first.url(),
                first.language(),
                first.republicationOf(),
                null);

        fixture.given(registered(first))
                .when(retry)
                .expectNoEvents()
                .expectResultMessagePayload(WriteReceipt.replayed("s1", "s1", 0));
    }

    @Test
    void the_same_source_id_with_different_content_is_refused_as_an_id_conflict() {
        fixture.given(registered(registerSource("s1")))
                .when(retitled(registerSource("s1"), "Another title"))
                .expectNoEvents()
                .expectException(refused(ID_CONFLICT, "sourceId"))
                .expectExceptionMessage(containsString("already registered with different content"));
    }

    @Test
    void a_republication_of_an_unknown_source_is_refused_naming_republication_of() {
        fixture.givenNoPriorActivity()
                .when(registerSource("s2", "no-such-source"))
                .expectNoEvents()
                .expectException(refused(UNKNOWN_REFERENCE, "republicationOf"))
                .expectExceptionMessage(containsString("'no-such-source'"));
    }

    @Test
    void resting_on_an_unknown_source_is_refused_naming_its_position_in_the_list() {
        ledger.knowsSources("fa-1");

        fixture.givenNoPriorActivity()
                .when(registerSource("s2", null, "fa-1", "no-such-source"))
                .expectNoEvents()
                .expectException(refused(UNKNOWN_REFERENCE, "restsOn[1]"));
    }

    @Test
    void a_source_cannot_rest_on_itself_because_it_is_not_yet_on_the_ledger() {
        fixture.givenNoPriorActivity()
                .when(registerSource("s1", null, "s1"))
                .expectNoEvents()
                .expectException(refused(UNKNOWN_REFERENCE, "restsOn[0]"));
    }

    @Test
    void an_id_that_already_names_a_diplomatic_event_is_refused_as_an_id_conflict() {
        ledger.knowsEvents("e1");

        fixture.givenNoPriorActivity()
                .when(registerSource("e1"))
                .expectNoEvents()
                .expectException(refused(ID_CONFLICT, "sourceId"))
                .expectExceptionMessage(containsString("already names a diplomatic event"));
    }

    @Test
    void an_id_that_already_names_a_narrative_is_refused_as_an_id_conflict() {
        ledger.knowsNarratives("n1");

        fixture.givenNoPriorActivity()
                .when(registerSource("n1"))
                .expectNoEvents()
                .expectException(refused(ID_CONFLICT, "sourceId"))
                .expectExceptionMessage(containsString("already names a narrative"));
    }
}
