package org.parley.history.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.history.contract.EventTypes.EventType;
import org.parley.history.contract.change.NarrativeChanged;
import org.parley.history.contract.event.AccountRecorded;
import org.parley.history.contract.event.LedgerEvent;

class EventTypesTest {

    @Test
    void every_ledger_event_has_a_stable_name() {
        List<Class<?>> named =
                EventTypes.ledger().stream().<Class<?>>map(EventType::javaType).toList();

        assertThat(named).containsExactlyInAnyOrder(LedgerEvent.class.getPermittedSubclasses());
    }

    @Test
    void no_two_types_share_a_name() {
        List<String> names = EventTypes.ledger().stream().map(EventType::name).toList();

        assertThat(new HashSet<>(names)).hasSameSizeAs(names).doesNotContain(EventTypes.NARRATIVE_CHANGED.name());
    }

    @Test
    void names_are_plain_words_that_no_java_class_name_can_be_taken_for() {
        assertThat(EventTypes.ledger()).allSatisfy(type -> {
            assertThat(type.name()).matches("[A-Z][A-Za-z]+");
            assertThat(type.revision()).isPositive();
        });
    }

    @Test
    void a_type_is_found_by_its_name_and_by_its_record() {
        EventType accountRecorded = EventTypes.ledgerNamed("AccountRecorded").orElseThrow();

        assertThat(accountRecorded.javaType()).isEqualTo(AccountRecorded.class);
        assertThat(accountRecorded.storedRevision()).isEqualTo("1");
        assertThat(EventTypes.of(AccountRecorded.class)).contains(accountRecorded);
        assertThat(EventTypes.of(NarrativeChanged.class)).contains(EventTypes.NARRATIVE_CHANGED);
        assertThat(EventTypes.ledgerNamed(AccountRecorded.class.getName())).isEmpty();
        assertThat(EventTypes.of(String.class)).isEmpty();
    }
}
