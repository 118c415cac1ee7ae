package org.parley.history.service.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.history.contract.EventTypes;
import org.parley.history.contract.EventTypes.EventType;

/** docs/asyncapi.yaml names every published type as the streams send it: one message per type and revision. */
class PublishedTypesTest {

    @Test
    void every_message_has_the_ce_type_it_stands_for_as_its_id() {
        List<String> ids = new ArrayList<>();
        PublishedSchemas.messages()
                .forEach(message -> ids.add(message.path("messageId").asText(null)));

        List<String> published = new ArrayList<>();
        EventTypes.ledger().forEach(type -> published.add(ledgerCeType(type)));
        published.add(NarrativePublisher.TYPE);
        assertThat(ids).doesNotContainNull().containsExactlyInAnyOrderElementsOf(published);
    }

    @Test
    void a_ledger_record_whose_type_is_not_a_stable_name_breaks_the_documented_headers() {
        for (EventType type : EventTypes.ledger()) {
            assertThat(PublishedSchemas.violations("LedgerHeaders", headers(ledgerCeType(type))))
                    .noneMatch(violation -> violation.contains("ce_type"));
        }
        assertThat(PublishedSchemas.violations(
                        "LedgerHeaders",
                        headers("org.parley.ledger.org.parley.history.contract.event.AccountRecorded")))
                .anyMatch(violation -> violation.contains("ce_type"));
    }

    private static String ledgerCeType(EventType type) {
        return new LedgerRecord(
                        "id",
                        "a",
                        type.name(),
                        type.revision(),
                        1,
                        Instant.EPOCH,
                        Optional.empty(),
                        null,
                        null,
                        new byte[0])
                .ceType();
    }

    private static JsonNode headers(String ceType) {
        return new ObjectMapper().valueToTree(Map.of("ce_type", ceType));
    }
}
