package org.parley.history.service.sources.read;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.parley.history.contract.event.SourceRegistered;
import org.parley.history.contract.value.Publication;
import org.parley.history.service.readmodel.ReadModelBatch;
import org.parley.history.service.readmodel.ReadModelBatches;
import org.parley.history.service.readmodel.ReadModelSql;
import org.parley.history.service.readmodel.RebuildableProjection;
import org.parley.history.service.readmodel.ReportedTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes {@code read_source}: each source as registered, from when its reports count, and the sources it rests on
 * (its ancestors, and the independent origins at the end of every chain of republications and citations).
 */
@Component
@ProcessingGroup(ReadModelBatches.PROCESSING_GROUP)
public class SourceProjection implements RebuildableProjection {

    /** What an account needs to know about its source. Sources never change once registered. */
    public record SourceFacts(
            String outlet,
            Publication publication,
            ReportedTime.Counting counting,
            List<String> ancestors,
            List<String> origins) {}

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final ReadModelBatches batches;
    private final Map<String, SourceFacts> sources = new ConcurrentHashMap<>();

    SourceProjection(JdbcTemplate jdbc, ObjectMapper json, ReadModelBatches batches) {
        this.jdbc = jdbc;
        this.json = json;
        this.batches = batches;
    }

    @EventHandler
    void on(SourceRegistered source, @Timestamp Instant recordedAt, TrackedEventMessage<?> message) {
        ReadModelBatch batch = batches.of(message);
        Instant recorded = ReadModelSql.micros(recordedAt);
        ReportedTime.Counting counting = ReportedTime.ofPublication(source.publication(), recorded);
        TreeSet<String> bases = new TreeSet<>(source.restsOn());
        if (source.republicationOf() != null) {
            bases.add(source.republicationOf());
        }
        TreeSet<String> ancestors = new TreeSet<>(bases);
        TreeSet<String> origins = new TreeSet<>();
        for (String basis : bases) {
            ancestors.addAll(facts(basis).ancestors());
            origins.addAll(facts(basis).origins());
        }
        if (bases.isEmpty()) {
            origins.add(source.sourceId());
        }
        SourceFacts facts = new SourceFacts(
                source.outlet(), source.publication(), counting, List.copyOf(ancestors), List.copyOf(origins));
        sources.put(source.sourceId(), facts);
        batch.writes()
                .add(
                        "INSERT INTO read_source (source_id, outlet, registered, counts_from, counts_from_note,"
                                + " ancestors, origins, recorded_at, ledger_sequence)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        source.sourceId(),
                        source.outlet(),
                        ReadModelSql.write(json, source),
                        ReadModelSql.utc(counting.from()),
                        counting.note(),
                        ReadModelSql.write(json, facts.ancestors()),
                        ReadModelSql.write(json, facts.origins()),
                        ReadModelSql.utc(recorded),
                        batch.sequence(message.getIdentifier()));
    }

    /** A registered source's facts, remembered or read back (a source registered in this batch is written first). */
    public SourceFacts facts(String sourceId) {
        SourceFacts known = sources.get(sourceId);
        if (known != null) {
            return known;
        }
        batches.flushCurrent();
        SourceFacts loaded = jdbc.queryForObject(
                "SELECT outlet, registered, counts_from, counts_from_note, ancestors, origins FROM read_source"
                        + " WHERE source_id = ?",
                (row, n) -> new SourceFacts(
                        row.getString(1),
                        ReadModelSql.read(json, row.getString(2), SourceRegistered.class)
                                .publication(),
                        new ReportedTime.Counting(
                                row.getObject(3, OffsetDateTime.class).toInstant(), row.getString(4)),
                        List.of(ReadModelSql.read(json, row.getString(5), String[].class)),
                        List.of(ReadModelSql.read(json, row.getString(6), String[].class))),
                sourceId);
        sources.put(sourceId, loaded);
        return loaded;
    }

    @Override
    public void forget() {
        sources.clear();
    }

    @Override
    public List<String> tables() {
        return List.of("read_source");
    }
}
