package org.parley.history.consumer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.parley.history.contract.EventTypes;
import org.parley.history.contract.EventTypes.EventType;
import org.parley.history.contract.event.LedgerEvent;

/**
 * Reads a record of {@code parley.ledger.v1} into a {@link LedgerMessage}: the {@code ce_*} headers into its
 * attributes, the JSON body into the contract's record that {@link EventTypes} names for {@code ce_type}. Fields a
 * newer Parley adds to a version are ignored (a new version would get a new type). Thread-safe.
 */
public final class LedgerMessageReader {

    private static final Pattern TYPE = Pattern.compile("org\\.parley\\.ledger\\.([A-Za-z]+)\\.v(\\d+)");

    private final ObjectMapper json;

    public LedgerMessageReader() {
        this(new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false));
    }

    public LedgerMessageReader(ObjectMapper json) {
        this.json = json;
    }

    /** From a Kafka record's headers and value. */
    public LedgerMessage read(Headers headers, byte[] value) {
        Map<String, String> attributes = new HashMap<>();
        for (Header header : headers) {
            if (header.value() != null) {
                attributes.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return read(attributes, value);
    }

    /** From header values (as UTF-8 text) and the body: for clients other than kafka-clients. */
    public LedgerMessage read(Map<String, String> headers, byte[] value) {
        String specVersion = headers.get("ce_specversion");
        if (!"1.0".equals(specVersion)) {
            throw new IllegalArgumentException("not a CloudEvents 1.0 record (ce_specversion=" + specVersion + ")");
        }
        String type = required(headers, "ce_type");
        return new LedgerMessage(
                required(headers, "ce_id"),
                required(headers, "ce_source"),
                type,
                required(headers, "ce_subject"),
                instant(headers.get("ce_time")),
                headers.get("ce_reportedprecision"),
                instant(headers.get("ce_recordedtime")),
                Long.parseLong(required(headers, "ce_sequence")),
                headers.get("ce_dataschema"),
                headers.get("ce_correlationid"),
                headers.get("ce_causationid"),
                event(type, value),
                value);
    }

    private LedgerEvent event(String type, byte[] value) {
        Matcher matcher = TYPE.matcher(type);
        if (!matcher.matches()) {
            return null;
        }
        Optional<EventType> known = EventTypes.ledgerNamed(matcher.group(1))
                .filter(ledgerType -> ledgerType.storedRevision().equals(matcher.group(2)));
        if (known.isEmpty()) {
            return null;
        }
        try {
            return (LedgerEvent) json.readValue(value, known.get().javaType());
        } catch (IOException e) {
            throw new UncheckedIOException("the body of a " + type + " is not its contract's JSON", e);
        }
    }

    private static String required(Map<String, String> headers, String name) {
        String value = headers.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the record has no " + name + " header");
        }
        return value;
    }

    private static Instant instant(String value) {
        return value == null ? null : Instant.parse(value);
    }
}
