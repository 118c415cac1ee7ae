package org.parley.history.service.readmodel;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The read model's versions, blue/green: version N's tables are in schema {@code read_vN}; the names the questions
 * read are views in {@code public} onto the answering version. A new version is made beside the answering one with
 * only the indexes its own projection reads by, built by the processor alone, and takes over when it has caught
 * up: its remaining indexes made, its statistics gathered and the views replaced, in the transaction of its last
 * batch, so that a question sees the old version or the new one whole. The old schema is dropped afterwards.
 */
@Component
public class ReadModelVersions {

    /** What a version's projection reads by while it is built; every other secondary index waits for the end. */
    private static final Set<String> INDEXES_WHILE_BUILDING = Set.of("read_account_fact_account");

    private static final Logger log = LoggerFactory.getLogger(ReadModelVersions.class);

    private final JdbcTemplate jdbc;
    private final Supplier<List<String>> tables;

    ReadModelVersions(JdbcTemplate jdbc, ObjectProvider<RebuildableProjection> projections) {
        this.jdbc = jdbc;
        // the projections depend on the batches, which depend on this: their tables are asked for when needed
        this.tables = () -> projections
                .orderedStream()
                .flatMap(projection -> projection.tables().stream())
                .toList();
    }

    public static String schema(int version) {
        return "read_v" + version;
    }

    /**
     * Makes every statement of the current transaction, after this, read and write the version's tables by their
     * plain names. {@code SET LOCAL}: it ends with the transaction, so a pooled connection never keeps it. It must
     * come before any savepoint of the transaction, which would take it back on rollback.
     */
    void enter(int version) {
        jdbc.queryForObject("SELECT set_config('search_path', ?, true)", String.class, schema(version) + ", public");
    }

    /** Makes the tables of a new version, empty, shaped like the answering version's, in the caller's transaction. */
    void make(int version, int like) {
        String schema = schema(version);
        String from = schema(like);
        jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        jdbc.execute("CREATE SCHEMA " + schema);
        for (String table : tables.get()) {
            // indexes, keys included, are made apart: the keys now, and only the indexes the build reads by
            jdbc.execute("CREATE TABLE " + schema + "." + table + " (LIKE " + from + "." + table
                    + " INCLUDING ALL EXCLUDING INDEXES)");
        }
        for (Map<String, Object> key : jdbc.queryForList(
                "SELECT k.conname AS name, t.relname AS table, pg_get_constraintdef(k.oid) AS definition"
                        + " FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid"
                        + " JOIN pg_namespace n ON n.oid = k.connamespace"
                        + " WHERE n.nspname = ? AND k.contype IN ('p', 'u') AND t.relname = ANY (?) ORDER BY 1",
                from,
                tables.get().toArray(String[]::new))) {
            jdbc.execute("ALTER TABLE " + schema + "." + key.get("table") + " ADD CONSTRAINT " + key.get("name") + " "
                    + key.get("definition"));
        }
        for (Map<String, Object> index : missingIndexes(from, schema)) {
            if (INDEXES_WHILE_BUILDING.contains(index.get("name"))) {
                jdbc.execute(retarget((String) index.get("definition"), from, schema));
            }
        }
    }

    /**
     * The built version answers from now on, when the caller's transaction commits: its remaining indexes made, its
     * planner statistics gathered (its tables were filled from nothing), the views pointed at it.
     */
    void takeOver(int version, Integer previous) {
        String schema = schema(version);
        if (previous != null && previous != version && exists(previous)) {
            for (Map<String, Object> index : missingIndexes(schema(previous), schema)) {
                jdbc.execute(retarget((String) index.get("definition"), schema(previous), schema));
            }
        }
        for (String table : tables.get()) {
            jdbc.execute("ANALYZE " + schema + "." + table);
            jdbc.execute("CREATE OR REPLACE VIEW public." + table + " AS SELECT * FROM " + schema + "." + table);
        }
    }

    /** Drops every version's schema but those that answer or are being built: what a takeover left behind. */
    void dropRetired() {
        List<Map<String, Object>> state =
                jdbc.queryForList("SELECT version, building_version FROM read_model_state WHERE id = 1");
        if (state.isEmpty()) {
            return;
        }
        Object answering = state.get(0).get("version");
        Object building = state.get(0).get("building_version");
        for (String schema : jdbc.queryForList(
                "SELECT nspname FROM pg_namespace WHERE nspname ~ '^read_v[0-9]+$' ORDER BY nspname", String.class)) {
            int version = Integer.parseInt(schema.substring("read_v".length()));
            if ((answering == null || version != ((Number) answering).intValue())
                    && (building == null || version != ((Number) building).intValue())) {
                jdbc.execute("DROP SCHEMA " + schema + " CASCADE");
                log.info("Read model version {} dropped: a later version answers", version);
            }
        }
    }

    /** A service stopped between a takeover's commit and the drop after it left the old version behind. */
    @EventListener(ApplicationReadyEvent.class)
    void dropLeftBehind() {
        try {
            dropRetired();
        } catch (RuntimeException e) {
            log.warn("Could not drop the read model's retired versions; the next takeover drops them", e);
        }
    }

    /** The highest version any schema holds: a new version is numbered after it. */
    int highest() {
        Integer highest = jdbc.queryForObject(
                "SELECT max(substring(nspname FROM 7)::int) FROM pg_namespace WHERE nspname ~ '^read_v[0-9]+$'",
                Integer.class);
        return highest == null ? 0 : highest;
    }

    /** The disk a version's tables and indexes take, in bytes. */
    public long bytes(int version) {
        Long bytes = jdbc.queryForObject(
                "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind = 'r'",
                Long.class,
                schema(version));
        return bytes == null ? 0 : bytes;
    }

    private boolean exists(int version) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)", Boolean.class, schema(version)));
    }

    /**
     * The plain indexes (not those of a key) of one schema's read tables that the other schema's lack, by name,
     * with their definitions.
     */
    private List<Map<String, Object>> missingIndexes(String from, String to) {
        return jdbc.queryForList(
                "SELECT i.indexname AS name, i.indexdef AS definition"
                        + " FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = i.schemaname"
                        + " WHERE i.schemaname = ? AND i.tablename = ANY (?)"
                        + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid)"
                        + " AND NOT EXISTS (SELECT 1 FROM pg_indexes o WHERE o.schemaname = ?"
                        + " AND o.indexname = i.indexname) ORDER BY i.indexname",
                from,
                tables.get().toArray(String[]::new),
                to);
    }

    private static String retarget(String definition, String from, String to) {
        return definition.replace(" ON " + from + ".", " ON " + to + ".");
    }
}
