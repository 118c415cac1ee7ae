#!/usr/bin/env bash
# Backs up Parley's database, the whole of it, with pg_dump in its custom format: one consistent snapshot (a
# running Parley need not stop), compressed, restorable with restore.sh. Why everything and not the ledger alone:
# docs/RELIABILITY.md, "Backup and restore".
#   infra/backup/backup.sh FILE
# The server is named by libpq's variables: PGHOST, PGPORT, PGUSER, PGPASSWORD (or ~/.pgpass), PGDATABASE
# (default parley). Needs pg_dump of the server's major version or newer (Debian: postgresql-client).
set -euo pipefail
file=${1:?usage: backup.sh FILE}
export PGDATABASE=${PGDATABASE:-parley}

client=$(pg_dump --version | sed -E 's/[^0-9]*([0-9]+).*/\1/')
server=$(psql -XAtc 'SHOW server_version_num')
if [ "$client" -lt "$((server / 10000))" ]; then
    echo "pg_dump $client cannot dump a PostgreSQL $((server / 10000)) server; install a newer client" >&2
    exit 2
fi

pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$file"
echo "$(wc -c <"$file") bytes in $file: $(psql -XAtc 'SELECT count(*) FROM domain_event_entry') ledger events"
