package org.parley.history.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each table has one owner: the one package whose SQL writes it. Import rules cannot see coupling through SQL, so
 * this reads the SQL itself — every INSERT, UPDATE, DELETE and TRUNCATE in the service's sources — and the tables
 * the migrations create.
 */
class TableOwnershipTest {

    private static final Path SOURCES = Path.of("src/main/java/org/parley/history/service");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Pattern WRITE =
            Pattern.compile("\\b(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|TRUNCATE(?:\\s+TABLE)?)\\s+([a-z_]+)\\b");
    private static final Pattern CREATE = Pattern.compile("CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([a-z_]+)");

    /**
     * Axon's own tables, written by Axon as {@code ledger} configures it. The one exception: a rebuild deletes its
     * processor's position in the same transaction that empties the read tables, so that no instance goes on
     * projecting into them.
     */
    private static final Map<String, Set<String>> AXON_TABLES = Map.of(
            "domain_event_entry", Set.of(),
            "snapshot_event_entry", Set.of(),
            "token_entry", Set.of("readmodel"),
            "saga_entry", Set.of(),
            "association_value_entry", Set.of());

    @Test
    void every_table_is_written_by_exactly_one_package() throws IOException {
        Map<String, Set<String>> writers = writers();
        Map<String, Set<String>> shared = new TreeMap<>();
        for (String table : tablesCreated()) {
            Set<String> packages = writers.getOrDefault(table, Set.of());
            if (AXON_TABLES.containsKey(table)) {
                assertThat(packages)
                        .as("Parley packages writing Axon's %s", table)
                        .isSubsetOf(AXON_TABLES.get(table));
            } else if (packages.size() != 1) {
                shared.put(table, packages);
            }
        }
        assertThat(shared)
                .as("tables written by no package or by more than one")
                .isEmpty();
    }

    @Test
    void no_sql_writes_a_table_no_migration_creates() throws IOException {
        assertThat(writers().keySet()).isSubsetOf(tablesCreated());
    }

    /** Which packages (relative to the service's root package) write each table. */
    private static Map<String, Set<String>> writers() throws IOException {
        Map<String, Set<String>> writers = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file :
                    files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String owner = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                Matcher write = WRITE.matcher(Files.readString(file));
                while (write.find()) {
                    writers.computeIfAbsent(write.group(1), table -> new TreeSet<>())
                            .add(owner);
                }
            }
        }
        return writers;
    }

    private static Set<String> tablesCreated() throws IOException {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path migration : files.toList()) {
                Matcher create = CREATE.matcher(Files.readString(migration));
                while (create.find()) {
                    tables.add(create.group(1));
                }
            }
        }
        return tables;
    }
}
