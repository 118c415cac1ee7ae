package org.parley.history.benchmarks;

import java.util.Arrays;
import org.axonframework.serialization.Serializer;

/** One way of putting ledger events into PostgreSQL, and the database it is measured in. */
enum StorageVariant {

    /** A hand-written INSERT into the service's own table: the floor both engines are held against. */
    RAW_JDBC("raw-jdbc", "hand-written INSERT, V1 DDL (bytea, BIGSERIAL)", false) {
        @Override
        AppendTarget open(BenchDatabase database, Serializer serializer) {
            return RawJdbcTarget.open(database, serializer);
        }
    },

    /** What the service runs: JdbcEventStorageEngine on the Flyway tables. */
    AXON_JDBC("axon-jdbc", "JdbcEventStorageEngine, V1 DDL (bytea, BIGSERIAL)", false) {
        @Override
        AppendTarget open(BenchDatabase database, Serializer serializer) {
            return AxonJdbcTarget.open(database, serializer);
        }
    },

    /** JpaEventStorageEngine as Hibernate maps it out of the box: @Lob byte[] becomes oid, sequence step 50. */
    AXON_JPA_DEFAULTS(
            "axon-jpa-defaults", "JpaEventStorageEngine, Hibernate DDL: oid (large objects), sequence +50", true) {
        @Override
        AppendTarget open(BenchDatabase database, Serializer serializer) {
            return AxonJpaTarget.open(database, serializer, AxonJpaTarget.Mapping.HIBERNATE_DEFAULTS);
        }
    },

    /** The usual PostgreSQL fix: payload and metadata in bytea columns; the sequence still steps by 50. */
    AXON_JPA_BYTEA("axon-jpa-bytea", "JpaEventStorageEngine, Hibernate DDL: bytea, sequence +50", true) {
        @Override
        AppendTarget open(BenchDatabase database, Serializer serializer) {
            return AxonJpaTarget.open(database, serializer, AxonJpaTarget.Mapping.BYTEA);
        }
    },

    /** Bytea and a global index sequence stepping by 1, as tracking processors want: the like-for-like JPA setup. */
    AXON_JPA_BYTEA_SEQ1("axon-jpa-bytea-seq1", "JpaEventStorageEngine, Hibernate DDL: bytea, sequence +1", true) {
        @Override
        AppendTarget open(BenchDatabase database, Serializer serializer) {
            return AxonJpaTarget.open(database, serializer, AxonJpaTarget.Mapping.BYTEA_SEQUENCE_1);
        }
    },

    /** The most JPA can be tuned for appends: bytea, sequence +50 and Hibernate JDBC batching of 100. */
    AXON_JPA_BYTEA_BATCHED(
            "axon-jpa-bytea-batched",
            "JpaEventStorageEngine, Hibernate DDL: bytea, sequence +50, hibernate.jdbc.batch_size=100",
            true) {
        @Override
        AppendTarget open(BenchDatabase database, Serializer serializer) {
            return AxonJpaTarget.open(database, serializer, AxonJpaTarget.Mapping.BYTEA_JDBC_BATCHING);
        }
    },

    /** JPA as one would run it in production: bytea, sequence +1 for tracking processors, and JDBC batching. */
    AXON_JPA_BYTEA_SEQ1_BATCHED(
            "axon-jpa-bytea-seq1-batched",
            "JpaEventStorageEngine, Hibernate DDL: bytea, sequence +1, hibernate.jdbc.batch_size=100",
            true) {
        @Override
        AppendTarget open(BenchDatabase database, Serializer serializer) {
            return AxonJpaTarget.open(database, serializer, AxonJpaTarget.Mapping.BYTEA_SEQUENCE_1_JDBC_BATCHING);
        }
    };

    private final String label;
    private final String description;
    private final boolean jpa;

    StorageVariant(String label, String description, boolean jpa) {
        this.label = label;
        this.description = description;
        this.jpa = jpa;
    }

    /** Opens the variant on a freshly created, empty schema. */
    abstract AppendTarget open(BenchDatabase database, Serializer serializer);

    String label() {
        return label;
    }

    String description() {
        return description;
    }

    /** The JPA variants are kept in their own database, apart from the JDBC tables. */
    boolean usesJpaDatabase() {
        return jpa;
    }

    static StorageVariant named(String label) {
        return Arrays.stream(values())
                .filter(v -> v.label.equals(label))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no variant '" + label + "'; known: "
                        + Arrays.stream(values()).map(StorageVariant::label).toList()));
    }
}
