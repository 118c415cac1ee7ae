package org.parley.history.service.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.history.service.commands.LedgerFixtures.account;
import static org.parley.history.service.commands.LedgerFixtures.recorded;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;
import static org.parley.history.service.commands.LedgerFixtures.registered;
import static org.parley.history.service.commands.LedgerFixtures.reportEvent;
import static org.parley.history.service.commands.LedgerFixtures.reported;
import static org.parley.history.service.commands.LedgerFixtures.retitled;
import static org.parley.history.service.support.ReadModelSlice.at;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.history.service.support.ReadModelSlice;
import org.parley.history.service.support.ReadModelSlice.Entry;

/**
 * A rebuild into a new version ({@link ReadModelVersions}): the rows it writes, in groups large enough to go by
 * COPY, are the rows the live batches wrote, text that COPY must escape included; the version that takes over has
 * every key and index of the one before; and a second rebuild cannot start while one runs.
 */
class ReadModelVersionsIT {

    @RegisterExtension
    static final ReadModelSlice readModel = new ReadModelSlice();

    /** Text COPY's format gives a meaning to (tab, newline, carriage return, backslash), and some it does not. */
    private static final String AWKWARD = "Tab\there, line\nbreak, return\r, back\\slash \\N, quote \" ' and ünïcødé";

    private static final List<String> TABLES = List.of(
            "read_source", "read_event", "read_account_fact", "account_version", "read_link", "read_narrative_version");

    @Test
    void a_rebuild_writes_by_copy_the_rows_the_live_batches_wrote_and_the_new_version_keeps_every_index() {
        List<Entry> entries = new ArrayList<>();
        Instant at = Instant.parse("2025-03-01T09:00:00Z");
        for (int i = 0; i < 80; i++) {
            String source = "src-" + i;
            String event = "ev-" + i;
            entries.add(
                    at(at.plusSeconds(3L * i).toString(), registered(retitled(registerSource(source), AWKWARD + i))));
            entries.add(at(at.plusSeconds(3L * i + 1).toString(), reported(reportEvent(event, source, AWKWARD + i))));
            entries.add(at(at.plusSeconds(3L * i + 2).toString(), recorded(account(event, event + ".a", source))));
        }
        readModel.handle(entries.toArray(Entry[]::new));
        Map<String, List<Map<String, Object>>> before = rows();
        assertThat(before.get("read_event")).hasSize(80);
        assertThat(readModel.row("SELECT title FROM read_event WHERE event_id = 'ev-7'"))
                .containsEntry("title", AWKWARD + 7);
        int answering = version("version");
        List<String> indexes = indexes(answering);

        readModel.startRebuild();
        int building = version("building_version");
        assertThat(building).isGreaterThan(answering);
        assertThatThrownBy(() -> readModel.bean(ReadModelRebuild.class).begin("again", null))
                .as("a second rebuild while one runs")
                .isInstanceOf(RebuildAlreadyRunning.class);
        assertThat(indexes(building))
                .as("only the keys and the index the build reads by, while it is built")
                .hasSizeLessThan(indexes.size())
                .anyMatch(index -> index.startsWith("read_account_fact_account "));
        readModel.handle();

        assertThat(version("version")).isEqualTo(building);
        assertThat(rows()).isEqualTo(before);
        assertThat(indexes(building)).isEqualTo(indexes);
    }

    private Map<String, List<Map<String, Object>>> rows() {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        for (String table : TABLES) {
            rows.put(table, readModel.rows("SELECT * FROM " + table + " t ORDER BY t::text"));
        }
        return rows;
    }

    private int version(String column) {
        return readModel.jdbc().queryForObject("SELECT " + column + " FROM read_model_state", Integer.class);
    }

    /** The version's indexes by name, keys included, with what they index. */
    private List<String> indexes(int version) {
        String schema = ReadModelVersions.schema(version);
        return readModel
                .jdbc()
                .queryForList(
                        "SELECT indexname || ' ' || replace(indexdef, ?, '') FROM pg_indexes WHERE schemaname = ?"
                                + " ORDER BY indexname",
                        String.class,
                        schema + ".",
                        schema);
    }
}
