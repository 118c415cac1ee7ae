package org.parley.history.consumer;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A Kafka value deserializer for {@code parley.ledger.v1}: set {@code value.deserializer} to this class and poll
 * {@link LedgerMessage}s.
 */
public class LedgerMessageDeserializer implements Deserializer<LedgerMessage> {

    private final LedgerMessageReader reader = new LedgerMessageReader();

    @Override
    public LedgerMessage deserialize(String topic, byte[] data) {
        return deserialize(topic, new RecordHeaders(), data);
    }

    @Override
    public LedgerMessage deserialize(String topic, Headers headers, byte[] data) {
        return data == null ? null : reader.read(headers, data);
    }
}
