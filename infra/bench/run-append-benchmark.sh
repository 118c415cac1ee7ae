#!/usr/bin/env bash
# Builds services/history-benchmarks and runs the event store append benchmark (Axon JDBC vs JPA engines on
# PostgreSQL), printing a Markdown table at the end. The full output is also kept in
# services/history-benchmarks/target/append-benchmark.txt.
#
# The server is given by the environment (defaults in brackets):
#   PARLEY_BENCH_HOST [localhost]  PARLEY_BENCH_PORT [5432]
#   PARLEY_BENCH_USER [parley]     PARLEY_BENCH_PASSWORD [parley]
#   PARLEY_BENCH_JDBC_DB [parley_bench_jdbc]  PARLEY_BENCH_JPA_DB [parley_bench_jpa]
# or by full URLs: PARLEY_BENCH_JDBC_URL, PARLEY_BENCH_JPA_URL. Both databases must exist and belong to the user;
# the benchmark creates and drops a schema "bench" in each (PARLEY_BENCH_SCHEMA). fsync and synchronous_commit must
# be on. Granting pg_checkpoint to the user lets each timed run start from a checkpoint.
#
# The workload: PARLEY_BENCH_EVENTS [20000], PARLEY_BENCH_AGGREGATES [500], PARLEY_BENCH_BATCH_SIZE [100],
# PARLEY_BENCH_WARMUP_EVENTS [2000], PARLEY_BENCH_REPETITIONS [3], PARLEY_BENCH_VARIANTS [all, or a comma list of
# raw-jdbc, axon-jdbc, axon-jpa-defaults, axon-jpa-bytea, axon-jpa-bytea-seq1, axon-jpa-bytea-batched,
# axon-jpa-bytea-seq1-batched].
# JVM options: PARLEY_BENCH_JAVA_OPTS [-Xms1g -Xmx1g].
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
module="$root/services/history-benchmarks"

host="${PARLEY_BENCH_HOST:-localhost}"
port="${PARLEY_BENCH_PORT:-5432}"
export PARLEY_BENCH_JDBC_URL="${PARLEY_BENCH_JDBC_URL:-jdbc:postgresql://$host:$port/${PARLEY_BENCH_JDBC_DB:-parley_bench_jdbc}}"
export PARLEY_BENCH_JPA_URL="${PARLEY_BENCH_JPA_URL:-jdbc:postgresql://$host:$port/${PARLEY_BENCH_JPA_DB:-parley_bench_jpa}}"
export AXONIQ_UPDATE_CHECKER_DISABLED=true

cd "$root"
./mvnw -B -q -pl services/history-benchmarks -am -DskipTests package

{
    echo "machine: $(nproc) cores ($(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)), kernel $(uname -r)"
    free -h
    echo
    # shellcheck disable=SC2086 # the options are meant to split into words
    java ${PARLEY_BENCH_JAVA_OPTS:--Xms1g -Xmx1g} \
        -cp "$module/target/classes:$(cat "$module/target/benchmark.classpath")" \
        org.parley.history.benchmarks.EventStoreAppendBenchmark
} 2>&1 | tee "$module/target/append-benchmark.txt"
