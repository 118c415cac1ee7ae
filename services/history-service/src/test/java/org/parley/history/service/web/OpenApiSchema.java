package org.parley.history.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI Initiative's own JSON Schemas of an OpenAPI 3.1 document, checked in unchanged (see
 * {@code src/test/resources/openapi/README.md}): what any conforming tool may assume of a document we serve. The
 * "schema-base" variant is used, so that every Schema Object in the document is held to the OpenAPI dialect of JSON
 * Schema too, not only the document's outline.
 */
final class OpenApiSchema {

    private static final String OAS = "https://spec.openapis.org/oas/3.1/";
    private static final String HERE = "classpath:openapi/3.1/";

    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(
                    SpecVersion.VersionFlag.V202012,
                    factory -> factory.schemaMappers(mappers -> mappers.mappings(Map.of(
                            OAS + "schema-base/2022-10-07", HERE + "schema-base.json",
                            OAS + "schema/2022-10-07", HERE + "schema.json",
                            OAS + "dialect/base", HERE + "dialect/base.schema.json",
                            OAS + "meta/base", HERE + "meta/base.schema.json"))))
            .getSchema(SchemaLocation.of(OAS + "schema-base/2022-10-07"));

    private OpenApiSchema() {}

    /** Each way {@code document} breaks the schema, as "where: what"; empty when it is a valid OpenAPI 3.1 document. */
    static List<String> violations(JsonNode document) {
        return SCHEMA.validate(document).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }
}
