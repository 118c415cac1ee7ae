package org.parley.history.service.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.history.contract.EventTypes;
import org.parley.history.contract.EventTypes.EventType;
import org.parley.history.contract.change.NarrativeChanged;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.json.JsonTest;

/**
 * Golden fixtures of every published event: {@code events/<name>.v<revision>.json} holds the stored type, revision
 * and payload of the current revision; {@code events/legacy/} holds rows as Parley stored them before stable names
 * (taken from a real ledger); {@code events/example/} a made-up older revision read through a test upcaster. Each
 * fixture may say what it {@code readsAs} today, when that differs from its payload.
 *
 * <p>The mapper is the application's own (its {@code spring.jackson.*} settings), as the ledger uses it.
 * {@code -Dparley.golden.write=true} writes the fixture of a type that has none; read it before checking it in.
 */
@JsonTest
class GoldenEventsTest {

    private static final Path SOURCES = Path.of("src/test/resources/events");

    @Autowired
    private ObjectMapper json;

    private LedgerSerializer serializer;
    private EventUpcasterChain upcasters;

    @BeforeEach
    void ledgerSerializer() {
        serializer = new LedgerSerializer(json, new AnnotationRevisionResolver());
        upcasters = LedgerUpcasters.chain(new SourceAddedUpcaster());
    }

    @Test
    void every_published_type_has_a_golden_fixture_of_its_current_revision() throws IOException {
        writeMissingFixturesWhenAsked();
        List<String> missing = new ArrayList<>();
        for (EventType type : published()) {
            if (!GoldenEvents.current().containsKey(type.name())) {
                missing.add(type.name() + " has no instance in GoldenEvents");
            }
            if (resource(fixtureName(type)) == null) {
                missing.add(type.name() + " has no events/" + fixtureName(type));
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void each_event_is_stored_exactly_as_its_fixture_says() throws IOException {
        for (EventType type : published()) {
            Object event = GoldenEvents.current().get(type.name());
            JsonNode fixture = json.readTree(resource(fixtureName(type)));

            String stored;
            String storedType;
            String storedRevision;
            if (type.equals(EventTypes.NARRATIVE_CHANGED)) {
                stored = json.writeValueAsString(event); // as the read model writes it and the stream sends it
                storedType = type.name();
                storedRevision = type.storedRevision();
            } else {
                SerializedObject<String> serialized = serializer.serialize(event, String.class);
                stored = serialized.getData();
                storedType = serialized.getType().getName();
                storedRevision = serialized.getType().getRevision();
            }

            assertThat(storedType).as(type.name()).isEqualTo(fixture.get("type").asText());
            assertThat(storedRevision)
                    .as(type.name())
                    .isEqualTo(fixture.get("revision").asText());
            assertThat(stored).as(type.name()).isEqualTo(json.writeValueAsString(fixture.get("payload")));
        }
    }

    @Test
    void every_fixture_of_every_revision_reads_as_todays_event() throws IOException, URISyntaxException {
        List<Path> fixtures = allFixtures();
        // the current revision of each type, and a legacy row of each type that existed before stable names
        assertThat(fixtures).hasSizeGreaterThan(published().size() + LegacyEventTypes.STABLE_NAMES.size());

        for (Path path : fixtures) {
            JsonNode fixture = json.readTree(path.toFile());
            JsonNode readsAs = fixture.has("readsAs") ? fixture.get("readsAs") : fixture.get("payload");
            String type = fixture.get("type").asText();

            Object event = type.equals(EventTypes.NARRATIVE_CHANGED.name())
                    ? json.treeToValue(fixture.get("payload"), NarrativeChanged.class)
                    : readThroughTheLedger(fixture).getPayload();

            // as text, so that the order of fields and the form of numbers count too
            assertThat(json.writeValueAsString(event)).as(path.toString()).isEqualTo(json.writeValueAsString(readsAs));
            assertThat(EventTypes.of(event.getClass())).as(path.toString()).isPresent();
        }
    }

    @Test
    void a_row_stored_under_a_class_name_is_read_as_revision_1_of_its_stable_name() throws IOException {
        List<EventType> typesBeforeStableNames = EventTypes.ledger().stream()
                .filter(type -> LegacyEventTypes.STABLE_NAMES.containsValue(type.name()))
                .toList();
        assertThat(typesBeforeStableNames).hasSize(LegacyEventTypes.STABLE_NAMES.size());
        for (EventType type : typesBeforeStableNames) {
            JsonNode fixture = json.readTree(resource("legacy/" + type.name() + ".json"));

            DomainEventMessage<?> message = readThroughTheLedger(fixture);

            assertThat(serializer.typeForClass(message.getPayloadType()).getName())
                    .isEqualTo(type.name());
            assertThat(message.getPayloadType()).isEqualTo(type.javaType());
        }
        // Without the upcaster the class name is refused, not looked up: it would stop matching once records move.
        JsonNode legacy = json.readTree(resource("legacy/AccountRecorded.json"));
        upcasters = new EventUpcasterChain();
        assertThatThrownBy(() -> readThroughTheLedger(legacy).getPayload())
                .hasMessageContaining("org.parley.history.contract.event.AccountRecorded");
    }

    @Test
    void a_row_of_an_older_revision_is_brought_forward_by_its_upcaster() throws IOException {
        JsonNode fixture = json.readTree(resource("example/SourceAdded.v0.json"));

        Object event = readThroughTheLedger(fixture).getPayload();

        assertThat(json.valueToTree(event).get("title"))
                .isEqualTo(fixture.get("payload").get("name"));
        assertThat(json.valueToTree(event).has("name")).isFalse();
    }

    @Test
    void a_revision_no_upcaster_brings_forward_is_refused_rather_than_skipped() throws IOException {
        ObjectNode fixture = (ObjectNode) json.readTree(resource("AccountRecorded.v1.json"));
        fixture.put("revision", "2");

        assertThatThrownBy(() -> readThroughTheLedger(fixture).getPayload())
                .hasMessageContaining("AccountRecorded revision 2");
    }

    /** What Axon's JDBC engine does with a row it reads: upcast, then deserialize. */
    private DomainEventMessage<?> readThroughTheLedger(JsonNode fixture) throws IOException {
        JsonNode revision = fixture.get("revision");
        DomainEventData<byte[]> row = new GenericDomainEventEntry<>(
                "Aggregate",
                "aggregate-1",
                0,
                "event-1",
                "2026-12-02T13:35:49.091Z",
                fixture.get("type").asText(),
                revision.isNull() ? null : revision.asText(),
                json.writeValueAsBytes(fixture.get("payload")),
                "{}".getBytes(StandardCharsets.UTF_8));
        return EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(row), serializer, upcasters)
                .next();
    }

    private static List<EventType> published() {
        List<EventType> types = new ArrayList<>(EventTypes.ledger());
        types.add(EventTypes.NARRATIVE_CHANGED);
        return types;
    }

    private static String fixtureName(EventType type) {
        return type.name() + ".v" + type.revision() + ".json";
    }

    private static java.net.URL resource(String name) {
        return GoldenEventsTest.class.getResource("/events/" + name);
    }

    private static List<Path> allFixtures() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.walk(Path.of(resource("").toURI()))) {
            return files.filter(path -> path.toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
    }

    private void writeMissingFixturesWhenAsked() throws IOException {
        if (!Boolean.getBoolean("parley.golden.write")) {
            return;
        }
        for (EventType type : published()) {
            Path file = SOURCES.resolve(fixtureName(type));
            Object event = GoldenEvents.current().get(type.name());
            if (Files.exists(file) || event == null) {
                continue;
            }
            ObjectNode fixture = json.createObjectNode();
            fixture.put("type", type.name());
            fixture.put("revision", type.storedRevision());
            fixture.set("payload", json.valueToTree(event));
            Files.createDirectories(SOURCES);
            Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(fixture) + "\n");
        }
    }
}
