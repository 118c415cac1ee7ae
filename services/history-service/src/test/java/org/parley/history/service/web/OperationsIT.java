package org.parley.history.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.parley.history.service.support.IntegrationTest;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

/** What operators and client authors rely on: health with the database, metrics, and a true API description. */
@AutoConfigureObservability
class OperationsIT extends IntegrationTest {

    @Test
    void health_includes_the_database() {
        JsonNode health = http.getForObject("/actuator/health", JsonNode.class);

        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("components")
                        .get("db")
                        .get("details")
                        .get("database")
                        .asText())
                .isEqualTo("PostgreSQL");
    }

    @Test
    void anonymous_callers_learn_only_whether_parley_is_up() {
        JsonNode health = anonymous.getForObject("/actuator/health", JsonNode.class);

        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.has("components")).isFalse();
    }

    @Test
    void metrics_are_exposed_for_prometheus() {
        String scrape = http.getForObject("/actuator/prometheus", String.class);

        assertThat(scrape).contains("http_server_requests", "hikaricp_connections");
    }

    @Test
    void the_openapi_description_names_every_write_and_its_command_schema() {
        JsonNode api = http.getForObject("/v3/api-docs", JsonNode.class);

        JsonNode paths = api.get("paths");
        assertThat(paths.fieldNames())
                .toIterable()
                .contains(
                        "/api/sources",
                        "/api/events",
                        "/api/accounts",
                        "/api/corrections",
                        "/api/retractions",
                        "/api/links",
                        "/api/narratives",
                        "/api/narrative-revisions",
                        "/api/import",
                        "/api/ledger");
        assertThat(paths.get("/api/accounts").get("post").get("requestBody").toString())
                .contains("#/components/schemas/RecordAccount");
        assertThat(paths.get("/api/accounts").get("post").get("responses").fieldNames())
                .toIterable()
                .contains("201", "400", "404", "409", "413", "422");
        JsonNode schemas = api.get("components").get("schemas");
        assertThat(schemas.get("RecordAccount").get("properties").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("eventId", "accountId", "citation", "claims", "expectedVersion");
        assertThat(schemas.get("RecordAccount").get("required"))
                .extracting(JsonNode::asText)
                .containsExactly("accountId", "citation", "claims", "eventId");
        JsonNode citation = schemas.get("Citation").get("properties");
        assertThat(citation.get("quote").get("maxLength").asInt()).isEqualTo(300);
        assertThat(citation.get("sourceId").get("pattern").asText()).isEqualTo("^[A-Za-z0-9][A-Za-z0-9._:-]*$");
        assertThat(schemas.get("RegisterSource")
                        .get("properties")
                        .get("restsOn")
                        .get("maxItems")
                        .asInt())
                .isEqualTo(200);
        assertThat(
                        schemas.get("DiplomaticEventKind") == null
                                ? schemas.get("ReportDiplomaticEvent")
                                        .get("properties")
                                        .get("kind")
                                        .get("enum")
                                        .toString()
                                : schemas.get("DiplomaticEventKind").toString())
                .contains("TALKS_ROUND", "CEASEFIRE");
    }
}
