package org.parley.history.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.history.contract.event.AccountRecorded;
import org.parley.history.contract.value.Precision;

class LedgerMessageReaderTest {

    private final LedgerMessageReader reader = new LedgerMessageReader();

    @Test
    void a_record_becomes_its_attributes_and_the_contract_event() {
        LedgerMessage message = reader.read(headers("org.parley.ledger.AccountRecorded.v1"), body());

        assertThat(message.id()).isEqualTo("6f0b42a6-1");
        assertThat(message.sequence()).isEqualTo(293);
        assertThat(message.recordedTime()).isEqualTo(Instant.parse("2026-11-23T13:29:57.038Z"));
        assertThat(message.event()).isInstanceOf(AccountRecorded.class);
        AccountRecorded account = (AccountRecorded) message.event();
        assertThat(account.accountId()).isEqualTo("my-round-2.fa");
        assertThat(account.claims().occurred().from().precision()).isEqualTo(Precision.DAY);
    }

    @Test
    void an_unknown_type_or_version_keeps_the_body_for_the_consumer_to_read() {
        LedgerMessage newer = reader.read(headers("org.parley.ledger.AccountRecorded.v2"), body());
        LedgerMessage unknown = reader.read(headers("org.parley.ledger.SomethingNew.v1"), body());

        assertThat(newer.knownEvent()).isEmpty();
        assertThat(unknown.knownEvent()).isEmpty();
        assertThat(new String(unknown.data(), StandardCharsets.UTF_8)).contains("my-round-2.fa");
    }

    @Test
    void a_record_that_is_not_a_cloud_event_is_refused() {
        Map<String, String> headers = headers("org.parley.ledger.AccountRecorded.v1");
        headers.remove("ce_specversion");

        assertThatThrownBy(() -> reader.read(headers, body())).hasMessageContaining("ce_specversion");
    }

    private static Map<String, String> headers(String type) {
        Map<String, String> headers = new HashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", "6f0b42a6-1");
        headers.put("ce_source", "urn:parley:ledger");
        headers.put("ce_type", type);
        headers.put("ce_subject", "my-round-2");
        headers.put("ce_time", "2026-11-23T13:29:57.038Z");
        headers.put("ce_recordedtime", "2026-11-23T13:29:57.038Z");
        headers.put("ce_sequence", "293");
        return headers;
    }

    private static byte[] body() {
        return ("{\"eventId\":\"my-round-2\",\"accountId\":\"my-round-2.fa\","
                        + "\"citation\":{\"sourceId\":\"my-charap-radchenko\",\"locator\":\"¶5\"},"
                        + "\"claims\":{\"occurred\":{\"from\":{\"precision\":\"DAY\",\"value\":\"2022-03-03\"},"
                        + "\"approximate\":false},\"place\":\"Belovezhskaya Pushcha, Belarus\",\"participants\":[],"
                        + "\"futureField\":1}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
