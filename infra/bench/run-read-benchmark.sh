#!/usr/bin/env bash
# Builds the history service's jar and services/history-benchmarks, then runs the read-side benchmark
# (org.parley.history.benchmarks.read.ReadSideBenchmark) for each ledger size, printing a Markdown table at the end.
# The full output is also kept in services/history-benchmarks/target/read-benchmark.txt; the service's log of each
# size in services/history-benchmarks/target/read-bench/service-<size>.log.
#
# For each size it
#   1. generates a ledger shaped like the real one (sources, disagreeing accounts, corrections, retractions, links,
#      narratives incl. bench-a and bench-b, which share 550 events) and writes it straight into the database:
#      the schema from the service's own Flyway migrations, then domain_event_entry and the write side's lookup
#      tables with COPY, as the service would have stored them. A ledger already there (same size and seed, see the
#      table comment) can be reused with PARLEY_BENCH_READ_GENERATE=auto;
#   2. measures the ceiling: a raw sequential JDBC read of domain_event_entry (every column), text and binary;
#   3. starts the service's jar on that database, times the fresh read model's catch-up (a full rebuild) and then
#      an operator's POST /api/rebuilds, with questions asked throughout it (p99 and refusals against the same
#      questions without a rebuild, the version that answered, the disk of the version being built), then the
#      write half of the rebuild's ceiling (a COPY of the read model's rows into tables without indexes), and times
#      every read query over HTTP (warm-up, then measured requests, one at a time), reporting p50/p99/max against
#      the targets of issue 4.
#
# Once, as root on a Debian machine with PostgreSQL 15 (see docs/BENCHMARKS.md):
#   CREATE ROLE parley LOGIN PASSWORD 'parley'; GRANT pg_checkpoint, pg_read_all_stats TO parley;
#   CREATE DATABASE parley_read_100k OWNER parley; CREATE DATABASE parley_read_1m OWNER parley;
# Everything in those databases is dropped and recreated by the benchmark.
#
# Settings, from the environment (defaults in brackets):
#   PARLEY_BENCH_HOST [localhost]  PARLEY_BENCH_PORT [5432]  PARLEY_BENCH_USER [parley]  PARLEY_BENCH_PASSWORD [parley]
#   PARLEY_BENCH_READ_SIZES [100000,1000000]   ledger events; the database of a size is <prefix><100k|1m|...>
#   PARLEY_BENCH_READ_DB_PREFIX [parley_read_]
#   PARLEY_BENCH_READ_GENERATE [always]        always: a fresh ledger and schema; auto or never: reuse a matching
#                                              ledger (its read model is then not fresh, so no catch-up figure)
#   PARLEY_BENCH_SEED [20261123]
#   PARLEY_BENCH_LEDGER_SCHEMA_VERSION [3]    migrations up to this run before the ledger is written, the rest after
#   PARLEY_BENCH_WARMUP [50]  PARLEY_BENCH_REQUESTS [500]   requests per query
#   PARLEY_BENCH_CEILING_RUNS [3]  PARLEY_BENCH_FETCH_SIZE [1000]
#   PARLEY_BENCH_DEEP_PAGES [200]              pages walked to find deep timeline pages (the second half is timed)
#   PARLEY_BENCH_READ_SERVICE [true]           false: only generate and measure the ceiling
#   PARLEY_BENCH_READ_REBUILD [true]           false: skip POST /api/rebuilds
#   PARLEY_BENCH_READ_QUERIES [true]           false: skip the queries (rebuild rates only)
#   PARLEY_BENCH_SERVICE_JAVA_OPTS [-Xms1g -Xmx4g]   the service's JVM
#   PARLEY_BENCH_SERVICE_JDBC_OPTIONS []      extra JDBC URL parameters for the service, e.g. reWriteBatchedInserts=true
#   PARLEY_BENCH_SERVICE_JAR [the service jar this script builds]
#   PARLEY_BENCH_JAVA_OPTS [-Xms1g -Xmx6g]     the benchmark's JVM (generating 1,000,000 events holds them in memory)
#   PARLEY_BENCH_SKIP_BUILD [false]            true: use the jars already built
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
module="$root/services/history-benchmarks"
export AXONIQ_UPDATE_CHECKER_DISABLED=true
export PARLEY_BENCH_SERVICE_JAR="${PARLEY_BENCH_SERVICE_JAR:-$root/services/history-service/target/history-service-0.1.0-SNAPSHOT.jar}"
export PARLEY_BENCH_READ_WORK_DIR="${PARLEY_BENCH_READ_WORK_DIR:-$module/target/read-bench}"

cd "$root"
if [ "${PARLEY_BENCH_SKIP_BUILD:-false}" != true ]; then
    ./mvnw -B -q -pl services/history-service,services/history-benchmarks -am -DskipTests package
fi

{
    echo "machine: $(nproc) cores ($(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)), kernel $(uname -r)"
    free -h
    echo "load before the run: $(cat /proc/loadavg)"
    echo "commit: $(git rev-parse --short HEAD) $(git log -1 --format=%s | cut -c1-100)"
    echo
    # shellcheck disable=SC2086 # the options are meant to split into words
    java ${PARLEY_BENCH_JAVA_OPTS:--Xms1g -Xmx6g} \
        -cp "$module/target/classes:$(cat "$module/target/benchmark.classpath")" \
        org.parley.history.benchmarks.read.ReadSideBenchmark
    echo "load after the run: $(cat /proc/loadavg)"
} 2>&1 | tee "$module/target/read-benchmark.txt"
