package org.parley.history.service.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/** The schemas of docs/asyncapi.yaml, so that tests hold what Kafka receives to what the document promises. */
final class PublishedSchemas {

    private static final Path DOCUMENT = Path.of("../../docs/asyncapi.yaml");
    private static JsonNode document;

    private PublishedSchemas() {}

    /** Why {@code json} does not match the schema {@code components.schemas.<name>}; empty when it does. */
    static Set<String> violations(String name, JsonNode json) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("$ref", "#/components/schemas/" + name);
        root.set("components", document().get("components"));
        Set<ValidationMessage> messages = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(root)
                .validate(json);
        return messages.stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }

    /** The document's {@code components.messages}. */
    static JsonNode messages() {
        return document().get("components").get("messages");
    }

    private static synchronized JsonNode document() {
        if (document == null) {
            try {
                document = new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + DOCUMENT.toAbsolutePath(), e);
            }
        }
        return document;
    }
}
