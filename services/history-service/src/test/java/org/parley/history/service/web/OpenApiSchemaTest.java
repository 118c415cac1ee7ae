package org.parley.history.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The checked-in OpenAPI schema refuses what real validators refuse, so that a pass against it means something. */
class OpenApiSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode documentWithHeader(String header) throws Exception {
        return JSON.readTree(
                """
                {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
                 "paths": {"/api/sources": {"post": {
                   "parameters": [%s],
                   "responses": {"201": {"description": "written"}}}}}}
                """
                        .formatted(header));
    }

    @Test
    void a_header_parameter_with_a_schema_passes() throws Exception {
        JsonNode document = documentWithHeader(
                "{\"in\": \"header\", \"name\": \"X-Command-Id\", \"schema\": {\"type\": \"string\"}}");

        assertThat(OpenApiSchema.violations(document)).isEmpty();
    }

    @Test
    void a_header_parameter_without_a_schema_is_refused() throws Exception {
        JsonNode document = documentWithHeader("{\"in\": \"header\", \"name\": \"X-Command-Id\"}");

        assertThat(OpenApiSchema.violations(document))
                .contains("$.paths./api/sources.post.parameters[0]: required property 'schema' not found");
    }

    @Test
    void a_schema_object_outside_json_schema_is_refused() throws Exception {
        JsonNode document = documentWithHeader(
                "{\"in\": \"header\", \"name\": \"X-Command-Id\", \"schema\": {\"type\": \"text\"}}");

        assertThat(OpenApiSchema.violations(document))
                .contains(
                        "$.paths./api/sources.post.parameters[0].schema.type: does not have a value in the enumeration"
                                + " [\"array\", \"boolean\", \"integer\", \"null\", \"number\", \"object\", \"string\"]");
    }

    @Test
    void a_document_without_a_title_is_refused() throws Exception {
        JsonNode document = JSON.readTree("{\"openapi\": \"3.1.0\", \"info\": {\"version\": \"1\"}, \"paths\": {}}");

        assertThat(OpenApiSchema.violations(document)).anyMatch(message -> message.contains("title"));
    }
}
