package org.parley.history.service.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.history.service.commands.LedgerFixtures.account;
import static org.parley.history.service.commands.LedgerFixtures.corrected;
import static org.parley.history.service.commands.LedgerFixtures.correction;
import static org.parley.history.service.commands.LedgerFixtures.recorded;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;
import static org.parley.history.service.commands.LedgerFixtures.registered;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.parley.history.contract.event.SourceRegistered;
import org.parley.history.contract.value.Moment;
import org.parley.history.contract.value.Precision;
import org.parley.history.contract.value.Publication;

class LedgerRecordTest {

    private static final StreamSettings SETTINGS = new StreamSettings(
            new StreamSettings.Topic("parley.ledger.v1", 6, (short) 1, -1, 1),
            new StreamSettings.Topic("parley.narratives.v1", 3, (short) 1, -1, 1),
            java.time.Duration.ofMillis(200),
            URI.create("urn:parley:ledger"),
            "urn:parley:asyncapi:parley.ledger.v1:",
            Duration.ofSeconds(10),
            3,
            true);
    private static final Instant RECORDED = Instant.parse("2026-11-23T13:29:57.038Z");

    @Test
    void an_event_that_carries_its_reported_time_is_timed_by_it_with_its_precision() {
        SourceRegistered monthly = withPublication(Publication.inferred("2024-10", "dated from its content"));

        Map<String, String> headers = headers(record(monthly.sourceId(), LedgerRecord.reportedTimeOf(monthly)));

        assertThat(headers.get("ce_time")).isEqualTo("2024-10-01T00:00:00Z");
        assertThat(headers.get("ce_reportedprecision")).isEqualTo("MONTH");
        assertThat(headers.get("ce_recordedtime")).isEqualTo(RECORDED.toString());
    }

    @Test
    void an_event_without_a_reported_time_is_timed_by_when_the_ledger_recorded_it() {
        SourceRegistered undated = withPublication(Publication.unknown());

        assertThat(LedgerRecord.reportedTimeOf(undated)).isEmpty();
        assertThat(LedgerRecord.reportedTimeOf(recorded(account("e", "a", "s"))))
                .isEmpty();
        Map<String, String> headers = headers(record("e", Optional.empty()));
        assertThat(headers.get("ce_time")).isEqualTo(RECORDED.toString());
        assertThat(headers).doesNotContainKey("ce_reportedprecision");
    }

    @Test
    void a_correction_is_timed_by_its_own_report() {
        assertThat(LedgerRecord.reportedTimeOf(corrected(correction("e", "a", "c", "s"))))
                .contains(new Moment(Precision.DAY, "2024-05-02"));
    }

    @Test
    void the_record_is_keyed_by_its_aggregate_and_stamped_with_the_recorded_time() {
        ProducerRecord<String, byte[]> record =
                record("my-round-2", Optional.empty()).toProducerRecord("parley.ledger.v1", SETTINGS);
        Map<String, String> headers = headers(record("my-round-2", Optional.empty()));

        assertThat(record.key()).isEqualTo("my-round-2");
        assertThat(record.timestamp()).isEqualTo(RECORDED.toEpochMilli());
        assertThat(headers)
                .containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_id", "6f0b42a6")
                .containsEntry("ce_type", "org.parley.ledger.AccountRecorded.v1")
                .containsEntry("ce_subject", "my-round-2")
                .containsEntry("ce_partitionkey", "my-round-2")
                .containsEntry("ce_sequence", "293")
                .containsEntry("ce_dataschema", "urn:parley:asyncapi:parley.ledger.v1:AccountRecorded.v1")
                .containsEntry("content-type", "application/json")
                .doesNotContainKey("ce_causationid");
    }

    private static SourceRegistered withPublication(Publication publication) {
        SourceRegistered source = registered(registerSource("s"));
        return new SourceRegistered(
                source.sourceId(),
                source.title(),
                source.outlet(),
                source.authors(),
                source.kind(),
                publication,
                source.url(),
                source.language(),
                source.republicationOf(),
                List.of());
    }

    private static LedgerRecord record(String aggregateId, Optional<Moment> reported) {
        return new LedgerRecord(
                "6f0b42a6",
                aggregateId,
                "AccountRecorded",
                1,
                293,
                RECORDED,
                reported,
                "correlation",
                null,
                "{}".getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> headers(LedgerRecord record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header :
                record.toProducerRecord("parley.ledger.v1", SETTINGS).headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}
