package org.parley.history.service.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.parley.history.service.commands.LedgerFixtures.account;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;
import static org.parley.history.service.commands.LedgerFixtures.reportEvent;
import static org.parley.history.service.commands.LedgerFixtures.reported;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.history.contract.EventTypes;
import org.parley.history.contract.event.DiplomaticEventReported;
import org.parley.history.service.ledger.LedgerMetadata;
import org.parley.history.service.support.IntegrationTest;
import org.parley.history.service.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A ledger written before the edge refused NUL holds a title PostgreSQL text cannot store. The read model parks that
 * event and reads the rest; operators, answers, health and metrics say so; a release that fixes it (here an upcaster,
 * as a real one would ship) lets a retry apply it. Its own database and topics: the other tests' read model must
 * never meet this ledger.
 */
@DirtiesContext
@AutoConfigureObservability
@Import(ReadModelParkingIT.Releases.class)
class ReadModelParkingIT extends IntegrationTest {

    private static final String POISONED_TITLE = "Talks resumed\u0000 at dawn";

    @DynamicPropertySource
    static void aLedgerOfItsOwn(DynamicPropertyRegistry registry) {
        TestDatabase.Connection own = TestDatabase.freshDatabase("parley_parking");
        // IntegrationTest's spring.datasource.url is registered after this class's and wins; the pool's own URL is
        // bound onto it afterwards, so this test's ledger really is its own (no NUL in the shared one, and no second
        // instance's read model taking this one's segment while it backs off)
        registry.add("spring.datasource.hikari.jdbc-url", own::url);
        registry.add("parley.streams.ledger.name", () -> "parley.ledger.parking-it");
        registry.add("parley.streams.narratives.name", () -> "parley.narratives.parking-it");
    }

    @Autowired
    EventStore eventStore;

    @Autowired
    TitleRelease release;

    @Autowired
    EventProcessingConfiguration processing;

    @BeforeEach
    void theReleaseThatWroteTheLedger() {
        release.now = TitleRelease.Fix.NONE;
    }

    @Test
    void an_event_the_read_model_cannot_hold_is_parked_the_rest_read_and_a_retry_after_the_fix_applies_it()
            throws Exception {
        String sourceId = unique("parking-source");
        assertThat(post("/api/sources", registerSource(sourceId)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        String poisonId = unique("parking-poison");
        long poisonAt = recordAsAnOldLedgerHeldIt(poisonId, sourceId);
        String laterId = unique("parking-later");
        assertThat(post("/api/events", reportEvent(laterId, sourceId, "Talks resumed at noon"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/accounts", account(laterId, laterId + ".witness", sourceId))
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);

        awaitReadModel();

        ResponseEntity<JsonNode> history = http.getForEntity("/api/events/" + laterId + "/history", JsonNode.class);
        assertThat(history.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(history.getBody().get("title").asText()).isEqualTo("Talks resumed at noon");
        assertThat(history.getBody().toString()).contains(laterId + ".witness");
        assertThat(history.getBody().get("readModel").get("degraded").asBoolean())
                .isTrue();
        assertThat(positions(history.getBody().get("readModel").get("parked"))).containsExactly(poisonAt);
        assertThat(history.getHeaders().getFirst("Parley-Read-Model-Parked")).isEqualTo(Long.toString(poisonAt));
        // read as text: the service's strict reading of bodies, which the test's client shares, takes objects only
        ResponseEntity<String> narratives = http.getForEntity("/api/narratives", String.class);
        assertThat(objectMapper.readTree(narratives.getBody()).isArray()).isTrue();
        assertThat(narratives.getHeaders().getFirst("Parley-Read-Model-Parked")).isEqualTo(Long.toString(poisonAt));

        JsonNode parked = onlyParked();
        assertThat(parked.get("eventId").asText())
                .isEqualTo(jdbc.queryForObject(
                        "SELECT event_identifier FROM domain_event_entry WHERE global_index = ?",
                        String.class,
                        poisonAt));
        assertThat(parked.get("globalSequence").asLong()).isEqualTo(poisonAt);
        assertThat(parked.get("aggregateId").asText()).isEqualTo(poisonId);
        assertThat(parked.get("type").asText()).isEqualTo("DiplomaticEventReported");
        assertThat(parked.get("attempts").asInt()).isEqualTo(1);
        assertThat(parked.get("error").asText())
                .contains("SQLState 22021", "invalid byte sequence for encoding \"UTF8\": 0x00")
                .doesNotContain("INSERT", "org.", "java.");

        ResponseEntity<JsonNode> health = http.getForEntity("/actuator/health", JsonNode.class);
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(health.getBody().get("status").asText()).isEqualTo("DEGRADED");
        JsonNode readModel = health.getBody().get("components").get("readModel");
        assertThat(readModel.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(readModel.get("details").get("parked").asInt()).isEqualTo(1);
        assertThat(http.getForObject("/actuator/health/liveness", JsonNode.class)
                        .get("status")
                        .asText())
                .isEqualTo("UP");
        assertThat(parkedMetric()).isEqualTo(1.0);
        assertThat(http.getForObject("/api/rebuilds/current", JsonNode.class)
                        .get("parked")
                        .asLong())
                .isEqualTo(1);

        release.now = TitleRelease.Fix.WRONG;
        JsonNode failed = retry(poisonAt);
        assertThat(failed.get("outcome").asText()).isEqualTo("FAILED_AGAIN");
        assertThat(failed.get("error").asText()).contains("SQLState 23502", "title");
        JsonNode stillParked = onlyParked();
        assertThat(stillParked.get("attempts").asInt()).isEqualTo(2);
        assertThat(stillParked.get("error").asText())
                .isEqualTo(failed.get("error").asText());
        assertThat(parkedMetric()).isEqualTo(1.0);

        release.now = TitleRelease.Fix.RIGHT;
        JsonNode applied = retry(poisonAt);
        assertThat(applied.get("outcome").asText()).isEqualTo("APPLIED");
        assertThat(http.getForObject("/api/read-model/parked", JsonNode.class).get("parked"))
                .isEmpty();
        JsonNode everParked = http.getForObject("/api/read-model/parked?includeApplied=true", JsonNode.class)
                .get("parked");
        assertThat(everParked).hasSize(1);
        assertThat(everParked.get(0).get("appliedAt").isTextual()).isTrue();
        ResponseEntity<JsonNode> fixed = http.getForEntity("/api/events/" + poisonId + "/history", JsonNode.class);
        assertThat(fixed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(fixed.getBody().get("title").asText()).isEqualTo("Talks resumed\u2400 at dawn");
        ResponseEntity<JsonNode> whole = http.getForEntity("/api/events/" + laterId + "/history", JsonNode.class);
        assertThat(whole.getBody().has("readModel")).isFalse();
        assertThat(whole.getHeaders().containsKey("Parley-Read-Model-Parked")).isFalse();
        assertThat(http.getForObject("/actuator/health", JsonNode.class)
                        .get("components")
                        .get("readModel")
                        .get("status")
                        .asText())
                .isEqualTo("UP");
        assertThat(parkedMetric()).isEqualTo(0.0);
        assertThat(http.getForObject("/api/rebuilds/current", JsonNode.class)
                        .get("parked")
                        .asLong())
                .isZero();
    }

    @Test
    void the_events_of_a_parked_event_wait_behind_it_and_a_rebuild_parks_them_again_instead_of_stalling() {
        String sourceId = unique("parking-source");
        assertThat(post("/api/sources", registerSource(sourceId)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        String poisonId = unique("parking-poison");
        long poisonAt = recordAsAnOldLedgerHeldIt(poisonId, sourceId);
        ResponseEntity<JsonNode> onThePoison =
                post("/api/accounts", account(poisonId, poisonId + ".witness", sourceId));
        assertThat(onThePoison.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        long accountAt = globalSequenceOf(poisonId, 1);
        String laterId = unique("parking-later");
        assertThat(post("/api/events", reportEvent(laterId, sourceId)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        awaitReadModel();
        assertThat(parkedSequences()).contains(poisonAt, accountAt);
        JsonNode behind = parkedAt(accountAt);
        assertThat(behind.get("error").asText()).contains("rests on ledger event " + poisonAt);
        assertThat(retry(accountAt).get("outcome").asText()).isEqualTo("BLOCKED");

        ResponseEntity<JsonNode> started = http.postForEntity("/api/rebuilds", null, JsonNode.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        long head = ledgerHead();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode status = http.getForObject("/api/rebuilds/current", JsonNode.class);
            assertThat(status.get("state").asText()).isEqualTo("CURRENT");
            assertThat(status.get("ledgerPosition").asLong()).isGreaterThanOrEqualTo(head);
        });

        assertThat(parkedSequences()).contains(poisonAt, accountAt);
        assertThat(parkedAt(poisonAt).get("error").asText()).contains("0x00");
        ResponseEntity<JsonNode> later = http.getForEntity("/api/events/" + laterId + "/history", JsonNode.class);
        assertThat(later.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(positions(later.getBody().get("readModel").get("parked"))).contains(poisonAt, accountAt);
        assertThat(http.getForEntity("/api/narratives/all-sources/timeline", JsonNode.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);

        release.now = TitleRelease.Fix.RIGHT;
        JsonNode results = http.postForObject("/api/read-model/parked/retry", null, JsonNode.class)
                .get("results");
        assertThat(results)
                .allSatisfy(result -> assertThat(result.get("outcome").asText()).isEqualTo("APPLIED"));
        assertThat(parkedSequences()).isEmpty();
        JsonNode history = http.getForObject("/api/events/" + poisonId + "/history", JsonNode.class);
        assertThat(history.toString()).contains(poisonId + ".witness");
        assertThat(history.has("readModel")).isFalse();
    }

    @Test
    void only_the_read_model_parks_the_ledger_publisher_retries_what_kafka_did_not_take() {
        assertThat(processing.errorHandler("ledger-publisher")).isInstanceOf(PropagatingErrorHandler.class);
        assertThat(processing.errorHandler(ReadModelBatches.PROCESSING_GROUP))
                .isNotInstanceOf(PropagatingErrorHandler.class);
        assertThat(processing.eventProcessor("ledger-publisher").orElseThrow().getHandlerInterceptors())
                .noneMatch(interceptor -> interceptor.getClass().getName().contains("ReadModelIsolation"));
        assertThat(processing
                        .eventProcessor(ReadModelBatches.PROCESSING_GROUP)
                        .orElseThrow()
                        .getHandlerInterceptors())
                .anyMatch(interceptor -> interceptor.getClass().getName().contains("ReadModelIsolation"));
    }

    @Test
    void the_operator_routes_are_described_for_client_authors() {
        JsonNode paths = http.getForObject("/v3/api-docs", JsonNode.class).get("paths");

        assertThat(paths.fieldNames())
                .toIterable()
                .contains(
                        "/api/read-model/parked",
                        "/api/read-model/parked/retry",
                        "/api/read-model/parked/{globalSequence}/retry");
        assertThat(paths.get("/api/read-model/parked/{globalSequence}/retry")
                        .get("post")
                        .get("description")
                        .asText())
                .contains("APPLIED", "FAILED_AGAIN");
    }

    // --- helpers

    /** As a ledger written before the edge refused NUL holds it: appended to the event store, the HTTP API bypassed. */
    private long recordAsAnOldLedgerHeldIt(String eventId, String sourceId) {
        DiplomaticEventReported event = reported(reportEvent(eventId, sourceId, POISONED_TITLE));
        eventStore.publish(new GenericDomainEventMessage<>(
                "DiplomaticEvent",
                eventId,
                0,
                event,
                MetaData.with(LedgerMetadata.RECORDED_BY, TESTER).and(LedgerMetadata.CORRELATION_ID, eventId)));
        return globalSequenceOf(eventId, 0);
    }

    private long globalSequenceOf(String aggregateId, long sequenceNumber) {
        return jdbc.queryForObject(
                "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?",
                Long.class,
                aggregateId,
                sequenceNumber);
    }

    private JsonNode retry(long globalSequence) {
        ResponseEntity<JsonNode> answer =
                http.postForEntity("/api/read-model/parked/" + globalSequence + "/retry", null, JsonNode.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    private JsonNode onlyParked() {
        JsonNode parked =
                http.getForObject("/api/read-model/parked", JsonNode.class).get("parked");
        assertThat(parked).hasSize(1);
        return parked.get(0);
    }

    private JsonNode parkedAt(long globalSequence) {
        for (JsonNode parked :
                http.getForObject("/api/read-model/parked", JsonNode.class).get("parked")) {
            if (parked.get("globalSequence").asLong() == globalSequence) {
                return parked;
            }
        }
        throw new AssertionError("nothing parked at " + globalSequence);
    }

    private List<Long> parkedSequences() {
        List<Long> sequences = new ArrayList<>();
        http.getForObject("/api/read-model/parked", JsonNode.class)
                .get("parked")
                .forEach(parked -> sequences.add(parked.get("globalSequence").asLong()));
        return sequences;
    }

    private static List<Long> positions(JsonNode array) {
        List<Long> positions = new ArrayList<>();
        array.forEach(position -> positions.add(position.asLong()));
        return positions;
    }

    private double parkedMetric() {
        return http.getForObject("/actuator/metrics/parley.read_model.parked", JsonNode.class)
                .get("measurements")
                .get(0)
                .get("value")
                .asDouble();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Releases {
        @Bean
        TitleRelease titleRelease() {
            return new TitleRelease();
        }
    }

    /**
     * The release an operator deploys before retrying: an upcaster for the old events whose title PostgreSQL cannot
     * hold. {@code WRONG} is a first attempt that loses the title; {@code RIGHT} shows the NUL as U+2400 (␀), as a
     * real release might, leaving the ledger as it was.
     */
    static final class TitleRelease extends SingleEventUpcaster {

        enum Fix {
            NONE,
            WRONG,
            RIGHT
        }

        volatile Fix now = Fix.NONE;

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return now != Fix.NONE
                    && representation
                            .getType()
                            .getName()
                            .equals(EventTypes.of(DiplomaticEventReported.class)
                                    .orElseThrow()
                                    .name());
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            Fix fix = now;
            return representation.upcastPayload(representation.getType(), JsonNode.class, payload -> {
                ObjectNode event = (ObjectNode) payload.deepCopy();
                if (fix == Fix.WRONG) {
                    event.remove("title");
                } else {
                    event.put("title", event.get("title").asText().replace('\u0000', '\u2400'));
                }
                return event;
            });
        }
    }
}
