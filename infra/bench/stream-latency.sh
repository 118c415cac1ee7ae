#!/usr/bin/env bash
# End-to-end latency of the ledger stream: an editor's write accepted over HTTP -> a Kafka consumer receives it.
# Against a running Parley (the embedded default: ./mvnw spring-boot:run) and its Kafka:
#
#   PARLEY_CREDENTIALS=editor:PASSWORD infra/bench/stream-latency.sh [BASE_URL] [BOOTSTRAP] [WRITES] [PAUSE_MS]
#
# Defaults: http://localhost:8080, localhost:59092 (the embedded broker), 500 writes, 20 ms apart. Each write
# registers a new source (latency-<run>-<n>), so run it against a scratch ledger, not a real one.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
: "${PARLEY_CREDENTIALS:?set PARLEY_CREDENTIALS=editor:password}"
cd "$root"
./mvnw -B -q -ntp -pl services/history-consumer -am compile dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt >/dev/null
classpath="services/history-consumer/target/classes:$(cat services/history-consumer/target/classpath.txt)"
exec java -cp "$classpath" org.parley.history.consumer.example.StreamLatency \
    "${1:-http://localhost:8080}" "$PARLEY_CREDENTIALS" "${2:-localhost:59092}" "${3:-500}" "${4:-20}"
