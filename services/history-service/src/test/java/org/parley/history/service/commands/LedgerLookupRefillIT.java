package org.parley.history.service.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.history.service.commands.LedgerFixtures.account;
import static org.parley.history.service.commands.LedgerFixtures.defineNarrative;
import static org.parley.history.service.commands.LedgerFixtures.link;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;
import static org.parley.history.service.commands.LedgerFixtures.reportEvent;
import static org.parley.history.service.commands.LedgerFixtures.sources;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.history.service.ParleyApplication;
import org.parley.history.service.support.IntegrationTest;
import org.parley.history.service.support.TestDatabase;
import org.parley.history.service.support.TestKafka;
import org.parley.history.service.support.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;

/** The ledger lookup is a projection like any other: emptied, it is refilled from the ledger alone. */
class LedgerLookupRefillIT extends IntegrationTest {

    private static final String ENTITIES = "SELECT kind, entity_id, aggregate_id FROM known_entity ORDER BY 1, 2";
    private static final String PUBLICATIONS =
            "SELECT source_id, basis, precision, value FROM known_source_publication ORDER BY 1";

    @Autowired
    private KnownEntityRefill refill;

    @Test
    void an_emptied_lookup_is_refilled_from_the_ledger_at_the_next_start_and_commands_citing_the_ledger_pass_again() {
        String source = unique("refill-source");
        String event = unique("refill-event");
        String other = unique("refill-other");
        post("/api/sources", registerSource(source));
        post("/api/events", reportEvent(event, source));
        post("/api/events", reportEvent(other, source));
        post("/api/accounts", account(event, unique("refill-event.account"), source));
        post("/api/links", link(event, unique("refill-link"), other, source));
        post("/api/narratives", defineNarrative(unique("refill-narrative"), sources(source)));
        List<Map<String, Object>> entities = jdbc.queryForList(ENTITIES);
        List<Map<String, Object>> publications = jdbc.queryForList(PUBLICATIONS);
        assertThat(entities)
                .extracting(row -> row.get("entity_id"))
                .contains(source, event, other, unique("refill-event.account"), unique("refill-link"));

        jdbc.execute("TRUNCATE known_entity, known_source_publication");
        assertThat(post("/api/accounts", account(event, unique("refill-event.refused"), source))
                        .getStatusCode()
                        .is4xxClientError())
                .as("a command citing the ledger, judged against an empty lookup")
                .isTrue();

        try (ConfigurableApplicationContext restarted = startAnotherInstance()) {
            assertThat(jdbc.queryForList(ENTITIES)).isEqualTo(entities);
            assertThat(jdbc.queryForList(PUBLICATIONS)).isEqualTo(publications);
        }
        assertThat(post("/api/accounts", account(event, unique("refill-event.after"), source))
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void a_lookup_that_holds_rows_is_left_as_it_is() {
        post("/api/sources", registerSource(unique("kept-source")));
        List<Map<String, Object>> entities = jdbc.queryForList(ENTITIES);

        assertThat(refill.refillIfEmpty()).isZero();
        assertThat(jdbc.queryForList(ENTITIES)).isEqualTo(entities);
    }

    private static ConfigurableApplicationContext startAnotherInstance() {
        TestDatabase.Connection db = TestDatabase.connection();
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password()));
        arguments.addAll(List.of(TestUsers.asArguments()));
        arguments.addAll(List.of(TestKafka.asArguments()));
        return new SpringApplicationBuilder(ParleyApplication.class).run(arguments.toArray(String[]::new));
    }
}
