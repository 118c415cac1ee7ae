#!/usr/bin/env bash
# Loads the curated seed dataset (seeds/0*.json, in file-name order) into a running Parley through its bulk
# import, and prints the import's summary. Loading is idempotent: a second run writes nothing.
#   infra/seeds/load-seeds.sh [base-url]        (default http://localhost:8080)
# Credentials of an editor: PARLEY_CREDENTIALS=editor:password (HTTP Basic) or PARLEY_TOKEN=<bearer JWT>.
# Needs curl and python3 (or jq).
set -euo pipefail
auth=()
if [ -n "${PARLEY_TOKEN:-}" ]; then
    auth=(-H "Authorization: Bearer $PARLEY_TOKEN")
elif [ -n "${PARLEY_CREDENTIALS:-}" ]; then
    auth=(-u "$PARLEY_CREDENTIALS")
fi
base=${1:-http://localhost:8080}
seeds=$(cd "$(dirname "$0")/../../seeds" && pwd)

as_ndjson() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c '
import glob, json, sys
for path in sorted(glob.glob(sys.argv[1] + "/0*.json")):
    for command in json.load(open(path, encoding="utf-8")):
        print(json.dumps(command, ensure_ascii=False))
' "$seeds"
    else
        for file in "$seeds"/0*.json; do jq -c '.[]' "$file"; done
    fi
}

report=$(mktemp)
trap 'rm -f "$report"' EXIT
as_ndjson | curl -sS "${auth[@]}" --fail-with-body -o "$report" -X POST "$base/api/import" \
    -H 'Content-Type: application/x-ndjson' -H 'X-Correlation-Id: seeds-load' --data-binary @-
python3 - "$report" <<'PY' || cat "$report"
import json, sys
r = json.load(open(sys.argv[1]))
print(f"{r['lines']} commands: {r['accepted']} written, {r['replayed']} already on the ledger, {r['rejected']} refused")
for line in r["results"]:
    if line["status"] == "REJECTED":
        print(f"  line {line['line']}: {line['problem'].get('detail')}")
PY
