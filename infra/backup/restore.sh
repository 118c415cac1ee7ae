#!/usr/bin/env bash
# Restores a dump made by backup.sh into an EMPTY database, in one transaction: either all of it is there or
# nothing is. Then start Parley on that database (docs/RELIABILITY.md, "Backup and restore").
#   infra/backup/restore.sh FILE
# The target is named by libpq's variables, as for backup.sh (PGDATABASE defaults to parley); create it first
# (infra/postgres/create-database.sql) and run this as its owner.
set -euo pipefail
file=${1:?usage: restore.sh FILE}
export PGDATABASE=${PGDATABASE:-parley}

tables=$(psql -XAtc "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
if [ "$tables" -ne 0 ]; then
    echo "database $PGDATABASE already holds $tables tables; restore into an empty one" >&2
    exit 2
fi

pg_restore --exit-on-error --single-transaction --no-owner --no-privileges --dbname="$PGDATABASE" "$file"
# A dump of a running Parley holds its processors' claims (token_entry.owner). Nothing runs on this database yet,
# so every claim is a stranger's: released, so that the first instance takes them at once, and can refill a fresh
# ledger topic from the start (LedgerTopicRefill resets positions only when it may claim them).
psql -XAq -v ON_ERROR_STOP=1 -c 'UPDATE token_entry SET owner = NULL WHERE owner IS NOT NULL'
echo "restored $file into $PGDATABASE: $(psql -XAtc 'SELECT count(*) FROM domain_event_entry') ledger events"
