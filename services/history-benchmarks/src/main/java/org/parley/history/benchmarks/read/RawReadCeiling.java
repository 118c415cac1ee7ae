package org.parley.history.benchmarks.read;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The ceiling for a rebuild: one sequential read of {@code domain_event_entry} in global order over plain JDBC,
 * every column fetched (payload and metadata bytes included) with a streaming cursor, nothing else done; once as
 * the driver does a one-off query (text protocol: bytea arrives as hex) and once server-prepared (binary bytea).
 * A third variant also turns every payload and metadata back into objects with Jackson, which any projection must
 * do, so that the gap shows what deserialization alone costs.
 */
final class RawReadCeiling {

    static final String SELECT = "SELECT global_index, type, aggregate_identifier, sequence_number, event_identifier,"
            + " time_stamp, payload_type, payload_revision, payload, meta_data FROM domain_event_entry"
            + " ORDER BY global_index";

    record Result(long events, long bytes, double seconds) {
        double eventsPerSecond() {
            return events / seconds;
        }
    }

    private final String url;
    private final String user;
    private final String password;
    private final int fetchSize;
    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();

    RawReadCeiling(String url, String user, String password, int fetchSize) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.fetchSize = fetchSize;
    }

    /**
     * One read. {@code binary}: the statement is server-prepared from the first execution ({@code
     * prepareThreshold=-1}), so that the driver receives bytea in binary instead of as hex text; PostgreSQL's driver
     * does that by itself from the fifth execution of a statement, which is what a tracking processor's repeated
     * batch query gets.
     */
    Result read(boolean binary, boolean deserialize) {
        String url = binary ? this.url + (this.url.contains("?") ? "&" : "?") + "prepareThreshold=-1" : this.url;
        Map<String, Class<?>> types = new HashMap<>();
        long started = System.nanoTime();
        long events = 0;
        long bytes = 0;
        long checksum = 0;
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            connection.setAutoCommit(false); // PostgreSQL's driver streams with a fetch size only in a transaction
            try (PreparedStatement select = connection.prepareStatement(SELECT)) {
                select.setFetchSize(fetchSize);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        long globalIndex = rows.getLong(1);
                        String type = rows.getString(2);
                        String aggregate = rows.getString(3);
                        long sequence = rows.getLong(4);
                        String identifier = rows.getString(5);
                        String timestamp = rows.getString(6);
                        String payloadType = rows.getString(7);
                        String revision = rows.getString(8);
                        byte[] payload = rows.getBytes(9);
                        byte[] metadata = rows.getBytes(10);
                        events++;
                        bytes += payload.length + (metadata == null ? 0 : metadata.length);
                        checksum += globalIndex
                                + sequence
                                + aggregate.length()
                                + identifier.length()
                                + timestamp.length()
                                + (type == null ? 0 : type.length())
                                + (revision == null ? 0 : revision.length());
                        if (deserialize) {
                            Class<?> payloadClass = types.computeIfAbsent(payloadType, RawReadCeiling::classOf);
                            Object value = mapper.readValue(payload, payloadClass);
                            Map<?, ?> meta = mapper.readValue(metadata, Map.class);
                            checksum += value.hashCode() & 1 + meta.size();
                        }
                    }
                }
            }
            connection.commit();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot read the ledger of " + url, e);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (checksum == 42) {
            System.out.print(""); // keeps the reads from being optimised away
        }
        return new Result(events, bytes, seconds);
    }

    private static Class<?> classOf(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("unknown payload type " + name, e);
        }
    }
}
