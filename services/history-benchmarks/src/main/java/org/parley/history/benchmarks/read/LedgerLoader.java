package org.parley.history.benchmarks.read;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.parley.history.benchmarks.read.LedgerGenerator.Planned;
import org.parley.history.contract.event.AccountRecorded;
import org.parley.history.contract.event.DiplomaticEventReported;
import org.parley.history.contract.event.EventsLinked;
import org.parley.history.contract.event.NarrativeDefined;
import org.parley.history.contract.event.SourceRegistered;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Puts a generated ledger into an empty database exactly as the service would have stored it: the schema from the
 * service's own Flyway migrations, every row of {@code domain_event_entry} as Axon's JDBC engine writes it with
 * the service's Jackson serializer (payload and metadata JSON, payload type the contract record's class name, no
 * revision, an ISO-8601 timestamp), and the write side's lookup tables ({@code known_entity},
 * {@code known_source_publication}) as its subscribing projection fills them in the same transaction. Rows go in
 * with COPY, in ledger order.
 */
final class LedgerLoader {

    /** The service's migrations, copied onto this module's classpath by its build. */
    static final String MIGRATIONS = "classpath:bench/migration";

    /** Recorded times: the ledger starts here and takes 300 days, whatever its size. */
    static final Instant FIRST_RECORDED = Instant.parse("2025-01-01T00:00:00Z");

    private static final long LEDGER_SPAN_MILLIS = 300L * 24 * 3600 * 1000;
    private static final String[] EDITORS = {
        "editor-ana", "editor-ben", "editor-chiara", "editor-dmytro", "editor-eli", "editor-farah", "importer"
    };

    private final String url;
    private final String user;
    private final String password;
    private final Serializer serializer;

    LedgerLoader(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
        ObjectMapper mapper = new ObjectMapper()
                .findAndRegisterModules()
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        this.serializer = JacksonSerializer.builder().objectMapper(mapper).build();
    }

    /**
     * Drops whatever the database holds and migrates it as the service's Flyway would, up to {@code ledgerVersion}:
     * the ledger is written into the tables as they were then, and {@link #migrateRest()} adds the later ones (the
     * read model's) afterwards, as a service upgraded on an existing ledger would find it.
     */
    void recreateSchema(String ledgerVersion) {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            List<String> schemas = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT nspname FROM pg_namespace WHERE nspowner = "
                    + "(SELECT oid FROM pg_roles WHERE rolname = current_user) AND nspname <> 'public'")) {
                while (rows.next()) {
                    schemas.add(rows.getString(1));
                }
            }
            for (String schema : schemas) {
                statement.execute("DROP SCHEMA \"" + schema + "\" CASCADE");
            }
            statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
            statement.execute("CREATE SCHEMA public");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty " + url, e);
        }
        Flyway.configure()
                .dataSource(url, user, password)
                .locations(MIGRATIONS)
                .target(ledgerVersion)
                .load()
                .migrate();
    }

    /** The migrations after the ledger's version; returns how many ran. */
    int migrateRest() {
        return Flyway.configure()
                .dataSource(url, user, password)
                .locations(MIGRATIONS)
                .load()
                .migrate()
                .migrationsExecuted;
    }

    /** Writes the ledger; returns the number of rows in domain_event_entry afterwards. */
    long load(List<Planned> ledger, long seed) {
        Random random = new Random(seed ^ 0x5eedL);
        long step = Math.max(1, LEDGER_SPAN_MILLIS / ledger.size());
        Map<String, Long> sequences = new HashMap<>(ledger.size() / 4);
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            PGConnection pg = connection.unwrap(PGConnection.class);
            CopyIn events = pg.getCopyAPI()
                    .copyIn("COPY domain_event_entry (global_index, aggregate_identifier, sequence_number, type, "
                            + "event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp) "
                            + "FROM STDIN");
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 21);
            StringBuilder known = new StringBuilder();
            StringBuilder publications = new StringBuilder();
            String correlationId = null;
            long globalIndex = 0;
            for (Planned planned : ledger) {
                globalIndex++;
                Object payload = planned.payload();
                String aggregateId = planned.payload().aggregateId();
                long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
                // A bulk import shares one correlation id over many lines; so do runs of consecutive events here.
                if (correlationId == null || random.nextInt(20) == 0) {
                    correlationId = uuid(random).toString();
                }
                Map<String, Object> metadata = new LinkedHashMap<>();
                metadata.put("causationId", uuid(random).toString());
                metadata.put("recordedBy", EDITORS[random.nextInt(EDITORS.length)]);
                metadata.put("correlationId", correlationId);
                metadata.put("commandId", uuid(random).toString());
                byte[] metaBytes = serializer
                        .serialize(MetaData.from(metadata), byte[].class)
                        .getData();
                byte[] payloadBytes =
                        serializer.serialize(payload, byte[].class).getData();
                Instant recorded = FIRST_RECORDED.plusMillis(globalIndex * step);
                ascii(buffer, Long.toString(globalIndex));
                buffer.write('\t');
                ascii(buffer, aggregateId);
                buffer.write('\t');
                ascii(buffer, Long.toString(sequence));
                buffer.write('\t');
                ascii(buffer, planned.aggregateType());
                buffer.write('\t');
                ascii(buffer, uuid(random).toString());
                buffer.write('\t');
                hex(buffer, metaBytes);
                buffer.write('\t');
                hex(buffer, payloadBytes);
                buffer.write('\t');
                ascii(buffer, "\\N");
                buffer.write('\t');
                ascii(buffer, payload.getClass().getName());
                buffer.write('\t');
                ascii(buffer, DateTimeUtils.formatInstant(recorded));
                buffer.write('\n');
                if (buffer.size() > (1 << 20)) {
                    events.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                    buffer.reset();
                }
                remember(payload, known, publications);
            }
            events.writeToCopy(buffer.toByteArray(), 0, buffer.size());
            events.endCopy();
            copy(pg, "COPY known_entity (kind, entity_id, aggregate_id) FROM STDIN", known);
            copy(pg, "COPY known_source_publication (source_id, basis, precision, value) FROM STDIN", publications);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT setval(pg_get_serial_sequence('domain_event_entry', 'global_index'), "
                        + globalIndex + ")");
            }
            connection.commit();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("VACUUM (ANALYZE) domain_event_entry");
                statement.execute("VACUUM (ANALYZE) known_entity");
                statement.execute("VACUUM (ANALYZE) known_source_publication");
                try {
                    statement.execute("CHECKPOINT");
                } catch (SQLException refused) {
                    System.out.println(
                            "note: CHECKPOINT refused (" + refused.getMessage().strip()
                                    + "); GRANT pg_checkpoint to the benchmark user to have one after loading.");
                }
                try (ResultSet row = statement.executeQuery("SELECT count(*) FROM domain_event_entry")) {
                    row.next();
                    return row.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the ledger into " + url, e);
        }
    }

    /** The rows KnownEntityProjection and its publication table would hold for this event. */
    private static void remember(Object payload, StringBuilder known, StringBuilder publications) {
        if (payload instanceof SourceRegistered source) {
            row(known, "SOURCE", source.sourceId(), source.sourceId());
            row(
                    publications,
                    source.sourceId(),
                    source.publication().basis().name(),
                    source.publication().time().precision().name(),
                    source.publication().time().value());
        } else if (payload instanceof DiplomaticEventReported event) {
            row(known, "EVENT", event.eventId(), event.eventId());
        } else if (payload instanceof AccountRecorded account) {
            row(known, "ACCOUNT", account.accountId(), account.eventId());
        } else if (payload instanceof EventsLinked link) {
            row(known, "LINK", link.linkId(), link.eventId());
        } else if (payload instanceof NarrativeDefined narrative) {
            row(known, "NARRATIVE", narrative.narrativeId(), narrative.narrativeId());
        }
    }

    private static void row(StringBuilder out, String... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            out.append(values[i] == null ? "\\N" : values[i]);
        }
        out.append('\n');
    }

    private static void copy(PGConnection pg, String sql, CharSequence rows) throws SQLException {
        CopyIn copy = pg.getCopyAPI().copyIn(sql);
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        copy.endCopy();
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** bytea in COPY's text format: {@code \\x} (the backslash escaped) and two hex digits a byte. */
    private static void hex(ByteArrayOutputStream out, byte[] bytes) {
        out.write('\\');
        out.write('\\');
        out.write('x');
        for (byte b : bytes) {
            out.write(HEX[(b >> 4) & 0xf]);
            out.write(HEX[b & 0xf]);
        }
    }

    private static void ascii(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
    }

    /** A version 4 UUID from the seeded generator, so that the ledger is the same on every run. */
    private static UUID uuid(Random random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}
