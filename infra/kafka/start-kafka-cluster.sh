#!/usr/bin/env bash
# Starts a three-node Kafka cluster (KRaft; each node broker and controller, a three-voter quorum) on this machine
# from the Apache Kafka jars on Maven Central: no Docker, no Kafka download. Needs a JDK 17+; the jars are fetched
# on first use into infra/kafka/target/lib, as for start-kafka.sh.
#
#   infra/kafka/start-kafka-cluster.sh          # all three nodes; Ctrl-C stops them
#   infra/kafka/start-kafka-cluster.sh 2        # node 2 alone (e.g. again, after it was killed)
#
# Node n listens for clients on port KAFKA_BASE_PORT + 100*(n-1) (9092, 9192, 9292 by default) and for its
# controller on the next port (9093, 9193, 9293); its data is in KAFKA_DATA_DIR/node-n (./data/kafka-cluster by
# default) and its log in KAFKA_DATA_DIR/node-n/kafka.log. Then start Parley with
#   SPRING_KAFKA_BOOTSTRAP_SERVERS=localhost:9092,localhost:9192,localhost:9292
#   PARLEY_STREAMS_LEDGER_REPLICATION=3 PARLEY_STREAMS_LEDGER_MIN_INSYNC_REPLICAS=2
# (and the same two for PARLEY_STREAMS_NARRATIVES_*). Delete KAFKA_DATA_DIR for a fresh cluster.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
base_port="${KAFKA_BASE_PORT:-9092}"
host="${KAFKA_ADVERTISED_HOST:-localhost}"
data_root="$(mkdir -p "${KAFKA_DATA_DIR:-$root/data/kafka-cluster}" && cd "${KAFKA_DATA_DIR:-$root/data/kafka-cluster}" && pwd)"
lib="$root/infra/kafka/target/lib"
nodes=("${@:-1 2 3}")
nodes=(${nodes[*]})

if [ ! -f "$lib/.complete" ]; then
    echo "fetching the Kafka broker's jars from Maven Central into $lib"
    (cd "$root" && ./mvnw -B -q -ntp -f infra/kafka/pom.xml dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$lib")
    touch "$lib/.complete"
fi

client_port() { echo $((base_port + 100 * ($1 - 1))); }
controller_port() { echo $((base_port + 100 * ($1 - 1) + 1)); }
voters="1@localhost:$(controller_port 1),2@localhost:$(controller_port 2),3@localhost:$(controller_port 3)"

# Every node is formatted with the same cluster id, kept beside them, so that a node formatted later still joins.
if [ ! -f "$data_root/cluster.id" ]; then
    java -cp "$lib/*" kafka.tools.StorageTool random-uuid 2>/dev/null > "$data_root/cluster.id"
fi
cluster_id="$(cat "$data_root/cluster.id")"

pids=()
stop() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait
}
trap stop INT TERM

for n in "${nodes[@]}"; do
    case "$n" in 1|2|3) ;; *) echo "no node $n: the cluster has nodes 1, 2 and 3" >&2; exit 2 ;; esac
    dir="$data_root/node-$n"
    mkdir -p "$dir"
    sed -e "s|@NODE_ID@|$n|g" -e "s|@VOTERS@|$voters|g" -e "s|@PORT@|$(client_port "$n")|g" \
        -e "s|@CONTROLLER_PORT@|$(controller_port "$n")|g" -e "s|@HOST@|$host|g" -e "s|@DATA_DIR@|$dir|g" \
        "$root/infra/kafka/server-cluster.properties" > "$dir/server.properties"
    if [ ! -f "$dir/log/meta.properties" ]; then
        java -cp "$lib/*" kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/server.properties" \
            > "$dir/format.log" 2>&1 || { cat "$dir/format.log" >&2; exit 1; }
    fi
    java ${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m} -cp "$lib/*" kafka.Kafka "$dir/server.properties" \
        >> "$dir/kafka.log" 2>&1 &
    pids+=($!)
    echo "node $n (pid $!) on $host:$(client_port "$n"), controller on $(controller_port "$n"), data in $dir"
done
echo "bootstrap servers: $host:$(client_port 1),$host:$(client_port 2),$host:$(client_port 3)"
wait
