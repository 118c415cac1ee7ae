package org.parley.history.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.parley.history.service.support.IntegrationTest;

/** The API description a client generator or a gateway reads: valid OpenAPI, and saying what it describes. */
class OpenApiDocumentIT extends IntegrationTest {

    @Test
    void the_served_document_is_valid_openapi() {
        JsonNode document = http.getForObject("/v3/api-docs", JsonNode.class);

        assertThat(document.get("openapi").asText()).startsWith("3.1.");
        assertThat(OpenApiSchema.violations(document)).isEmpty();
    }

    @Test
    void the_document_names_parley_and_its_release() throws Exception {
        JsonNode info = http.getForObject("/v3/api-docs", JsonNode.class).get("info");

        assertThat(info.get("title").asText()).isEqualTo("Parley history service");
        assertThat(info.get("version").asText()).isEqualTo(projectVersion());
        assertThat(info.get("description").asText()).contains("ledger", "narratives", "RFC 9457");
    }

    /** The version the root POM gives the whole build, which is what a released jar carries. */
    private static String projectVersion() throws Exception {
        var pom = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(Path.of("../../pom.xml").toFile());
        return XPathFactory.newInstance().newXPath().evaluate("/project/version", pom);
    }
}
