#!/usr/bin/env bash
# Builds the history service's jar and services/history-benchmarks, then runs the ingest benchmark of issue 13
# (org.parley.history.benchmarks.ingest.IngestBenchmark): for each size, one bulk import through the API and the
# ledger topic's catch-up, each against its ceiling measured in the same run. The full output is also kept in
# services/history-benchmarks/target/ingest-benchmark.txt; the service's log, its JFR recording, PostgreSQL's and
# Kafka's data in services/history-benchmarks/target/ingest-bench/.
#
# Nothing needs installing: PostgreSQL is the embedded one (zonky, 14.x, fsync and synchronous commit on, as the
# embedded default runs it) and the broker is the embedded default's KRaft broker, both started in the benchmark's
# JVM; the service's jar runs as its own process with -Xmx2g under JFR. For each size it
#   1. streams 1 source, size/100 diplomatic events and <size> accounts to POST /api/import (chunked NDJSON,
#      Accept: application/x-ndjson, the report read as it streams back) while a consumer reads parley.ledger.v1
#      from its start and an analyst reads the history of the import's first event once a second;
#   2. measures the ceilings of the very rows the import wrote: COPY (binary) of them into a copy of
#      domain_event_entry with all its indexes, and a plain producer with the service's settings (acks=all,
#      idempotence, 5 in flight) sending as many records of the same keys, value size and headers.
# At the end it prints, from the JFR recording, the service's heap during each import and where its CPU samples
# fell from each import's start until the topic had all of it.
#
# Settings, from the environment (defaults in brackets):
#   PARLEY_BENCH_INGEST_SIZES [10000]         accounts per import, space or comma separated, e.g. "10000 1000000"
#   PARLEY_BENCH_INGEST_ACCOUNTS_PER_EVENT [100]   more per event makes the read model's catch-up quadratic
#   PARLEY_BENCH_INGEST_WORK_DIR [services/history-benchmarks/target/ingest-bench]   emptied at the start
#   PARLEY_BENCH_SERVICE_JAVA_OPTS [-Xms512m -Xmx2g]   the service's JVM (JFR is added)
#   PARLEY_BENCH_SERVICE_JAR [the service jar this script builds]
#   PARLEY_BENCH_JAVA_OPTS [-Xms256m -Xmx1g]   the benchmark's JVM (it also runs PostgreSQL's launcher and the broker)
#   PARLEY_BENCH_SKIP_BUILD [false]            true: use the jars already built
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
module="$root/services/history-benchmarks"
export AXONIQ_UPDATE_CHECKER_DISABLED=true
jar="${PARLEY_BENCH_SERVICE_JAR:-$root/services/history-service/target/history-service-0.1.0-SNAPSHOT.jar}"
work="${PARLEY_BENCH_INGEST_WORK_DIR:-$module/target/ingest-bench}"
sizes="${PARLEY_BENCH_INGEST_SIZES:-10000}"

cd "$root"
if [ "${PARLEY_BENCH_SKIP_BUILD:-false}" != true ]; then
    ./mvnw -B -q -pl services/history-service,services/history-benchmarks -am -DskipTests package
fi
rm -rf "$work"
mkdir -p "$work"

{
    echo "machine: $(nproc) cores ($(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)), kernel $(uname -r)"
    free -h
    echo "load before the run: $(cat /proc/loadavg)"
    echo "commit: $(git rev-parse --short HEAD) $(git log -1 --format=%s | cut -c1-100)"
    echo
    # shellcheck disable=SC2086 # the options and sizes are meant to split into words
    java ${PARLEY_BENCH_JAVA_OPTS:--Xms256m -Xmx1g} \
        -Dparley.bench.accounts-per-event="${PARLEY_BENCH_INGEST_ACCOUNTS_PER_EVENT:-100}" \
        -Dparley.bench.service-java-opts="${PARLEY_BENCH_SERVICE_JAVA_OPTS:--Xms512m -Xmx2g}" \
        -cp "$module/target/classes:$(cat "$module/target/benchmark.classpath")" \
        org.parley.history.benchmarks.ingest.IngestBenchmark "$jar" "$work" ${sizes//,/ }
    echo "load after the run: $(cat /proc/loadavg)"
} 2>&1 | tee "$module/target/ingest-benchmark.txt"
