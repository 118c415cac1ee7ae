package org.parley.history.service.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The schemas the stream tests hold Kafka's records to do refuse what the document does not allow. */
class PublishedSchemasTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void an_account_without_a_citation_or_with_an_unknown_precision_does_not_match_its_published_schema()
            throws Exception {
        String valid = "{\"eventId\":\"e\",\"accountId\":\"a\",\"citation\":{\"sourceId\":\"s\",\"locator\":\"¶1\"},"
                + "\"claims\":{\"occurred\":{\"from\":{\"precision\":\"DAY\",\"value\":\"2022-03-03\"}}}}";
        String noCitation = "{\"eventId\":\"e\",\"accountId\":\"a\",\"claims\":{}}";
        String badPrecision = valid.replace("\"DAY\"", "\"WEEK\"");

        assertThat(PublishedSchemas.violations("AccountRecorded.v1", json.readTree(valid)))
                .isEmpty();
        assertThat(PublishedSchemas.violations("AccountRecorded.v1", json.readTree(noCitation)))
                .isNotEmpty();
        assertThat(PublishedSchemas.violations("AccountRecorded.v1", json.readTree(badPrecision)))
                .isNotEmpty();
    }

    @Test
    void headers_without_a_sequence_do_not_match_the_published_headers() throws Exception {
        String headers = "{\"ce_specversion\":\"1.0\",\"ce_id\":\"x\",\"ce_source\":\"urn:parley:ledger\","
                + "\"ce_type\":\"org.parley.ledger.AccountRecorded.v1\",\"ce_subject\":\"e\","
                + "\"ce_time\":\"2026-11-23T13:29:57.038Z\",\"ce_recordedtime\":\"2026-11-23T13:29:57.038Z\","
                + "\"ce_partitionkey\":\"e\",\"ce_dataschema\":\"urn:x\",\"content-type\":\"application/json\"}";

        assertThat(PublishedSchemas.violations("LedgerHeaders", json.readTree(headers)))
                .anyMatch(message -> message.contains("ce_sequence"));
    }
}
