#!/usr/bin/env bash
# Issue 16's fault suite: builds the service's jar, the embedded default's classpath (services/history-dev) and
# services/history-benchmarks, makes sure a PostgreSQL 15 cluster of the suite's own is running, then runs
# org.parley.history.benchmarks.faults.FaultSuite, which injects each fault while four clients write over HTTP and
# prints a Markdown table: acknowledged writes, lost (ledger / topic / read model), answers during the fault,
# recovery. The full output is kept in services/history-benchmarks/target/fault-suite.txt, each Parley's log in
# services/history-benchmarks/target/faults/.
#
#   infra/faults/run-fault-suite.sh                      # every scenario, about 15 minutes
#   infra/faults/run-fault-suite.sh --only jvm-kill,postgres-stopped
#   infra/faults/run-fault-suite.sh --soak 30m           # the soak alone (writes, reads, a consumer, a rebuild)
#
# Scenarios: embedded-kill, jvm-kill, two-instances, several-processes, broker-stopped, postgres-stopped (it ends
# with the sign-in throttle, part 4), replicated-kafka (part 5). See docs/RELIABILITY.md for what each does.
#
# The suite stops and starts its PostgreSQL (scenario postgres-stopped), so it runs a Debian cluster of its own,
# "15 faults" on port 5440 (created here on first use, as root: pg_createcluster), never the machine's main one.
#
# Settings, from the environment (defaults in brackets):
#   PARLEY_FAULTS_PG_PORT [5440]  PARLEY_FAULTS_PG_USER [parley]  PARLEY_FAULTS_PG_PASSWORD [parley]
#   PARLEY_FAULTS_PG_STOP [pg_ctlcluster 15 faults stop -m immediate]  PARLEY_FAULTS_PG_START [pg_ctlcluster 15 faults start]
#   PARLEY_FAULTS_LOAD [10s]                  how long the clients write before a fault (and half that after it)
#   PARLEY_FAULTS_SERVICE_JAVA_OPTS [-Xmx768m]  each Parley's JVM
#   PARLEY_FAULTS_SKIP_BUILD [false]          true: use what is built
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
module="$root/services/history-benchmarks"
export AXONIQ_UPDATE_CHECKER_DISABLED=true
pg_port="${PARLEY_FAULTS_PG_PORT:-5440}"
pg_user="${PARLEY_FAULTS_PG_USER:-parley}"
pg_password="${PARLEY_FAULTS_PG_PASSWORD:-parley}"

cd "$root"
if [ "${PARLEY_FAULTS_SKIP_BUILD:-false}" != true ]; then
    ./mvnw -B -q -pl services/history-service,services/history-dev,services/history-benchmarks -am -DskipTests package
fi

if [ -z "${PARLEY_FAULTS_PG_STOP:-}" ]; then
    if ! pg_lsclusters -h 2>/dev/null | awk '{print $1"/"$2}' | grep -qx 15/faults; then
        pg_createcluster 15 faults --port "$pg_port" -- --auth-local=peer --auth-host=scram-sha-256 >/dev/null
        # The suite's own cluster: durable as Parley's promises assume (fsync, synchronous commit on).
        echo "listen_addresses = 'localhost'" >> /etc/postgresql/15/faults/postgresql.conf
    fi
    pg_ctlcluster 15 faults start 2>/dev/null || true
    su postgres -c "psql -q -p $pg_port -c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$pg_user') THEN CREATE ROLE $pg_user LOGIN CREATEDB PASSWORD '$pg_password'; END IF; END \\\$\\\$\""
fi

{
    echo "machine: $(nproc) cores, load before the run: $(cat /proc/loadavg)"
    echo "commit: $(git rev-parse --short HEAD) $(git log -1 --format=%s | cut -c1-100)"
    java -Xmx1g -cp "$module/target/classes:$(cat "$module/target/benchmark.classpath")" \
        org.parley.history.benchmarks.faults.FaultSuite "$@"
    echo "load after the run: $(cat /proc/loadavg)"
} 2>&1 | tee "$module/target/fault-suite.txt"
