#!/usr/bin/env bash
# Starts a standalone Kafka broker (KRaft, one node) from the Apache Kafka jars on Maven Central: no Docker, no
# Kafka download. Needs a JDK 17+ (the Maven wrapper fetches the jars on first use into infra/kafka/target/lib).
#
#   infra/kafka/start-kafka.sh                      # localhost:9092, data in ./data/kafka-standalone
#   KAFKA_PORT=19092 KAFKA_DATA_DIR=/var/lib/parley-kafka infra/kafka/start-kafka.sh
#
# Then start Parley with SPRING_KAFKA_BOOTSTRAP_SERVERS=localhost:9092. Stop the broker with Ctrl-C; its data stays
# in KAFKA_DATA_DIR (delete that directory for a fresh broker: Parley then publishes its whole ledger again).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
port="${KAFKA_PORT:-9092}"
controller_port="${KAFKA_CONTROLLER_PORT:-9093}"
host="${KAFKA_ADVERTISED_HOST:-localhost}"
data_dir="$(mkdir -p "${KAFKA_DATA_DIR:-$root/data/kafka-standalone}" && cd "${KAFKA_DATA_DIR:-$root/data/kafka-standalone}" && pwd)"
lib="$root/infra/kafka/target/lib"

if [ ! -f "$lib/.complete" ]; then
    echo "fetching the Kafka broker's jars from Maven Central into $lib"
    (cd "$root" && ./mvnw -B -q -ntp -f infra/kafka/pom.xml dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$lib")
    touch "$lib/.complete"
fi

config="$data_dir/server.properties"
sed -e "s|@PORT@|$port|g" -e "s|@CONTROLLER_PORT@|$controller_port|g" -e "s|@HOST@|$host|g" \
    -e "s|@DATA_DIR@|$data_dir|g" "$root/infra/kafka/server.properties" > "$config"

if [ ! -f "$data_dir/log/meta.properties" ]; then
    cluster_id="$(java -cp "$lib/*" kafka.tools.StorageTool random-uuid)"
    java -cp "$lib/*" kafka.tools.StorageTool format -t "$cluster_id" -c "$config"
fi

echo "Kafka on $host:$port, data in $data_dir"
exec java ${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m} -cp "$lib/*" kafka.Kafka "$config"
