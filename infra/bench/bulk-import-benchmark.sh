#!/usr/bin/env bash
# Times the bulk import of 10,000 accounts (plus 1 source and 100 events) in one request, then the same file
# again (every line replayed, nothing written). Needs a running service (default http://localhost:8080), curl
# and python3. Each run uses fresh ids, so it can be repeated against the same instance.
#   infra/bench/bulk-import-benchmark.sh [base-url] [accounts] [events]
# Credentials of an editor: PARLEY_CREDENTIALS=editor:password (HTTP Basic) or PARLEY_TOKEN=<bearer JWT>.
# For the batched import against its ceilings (COPY, a plain producer) in one run, see run-ingest-benchmark.sh.
set -euo pipefail
auth=()
if [ -n "${PARLEY_TOKEN:-}" ]; then
    auth=(-H "Authorization: Bearer $PARLEY_TOKEN")
elif [ -n "${PARLEY_CREDENTIALS:-}" ]; then
    auth=(-u "$PARLEY_CREDENTIALS")
fi
base=${1:-http://localhost:8080}
accounts=${2:-10000}
events=${3:-100}
run=$(date +%s)
file=$(mktemp --suffix=.ndjson)
trap 'rm -f "$file" "$file.out"' EXIT

python3 - "$file" "$run" "$accounts" "$events" <<'PY'
import json, sys
path, run, accounts, events = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
source = f"bench-{run}-source"
with open(path, "w") as f:
    f.write(json.dumps({"type": "RegisterSource", "sourceId": source, "title": "Benchmark source",
                        "kind": "ARTICLE", "publication": {"time": {"value": "2024-04-16"}}}) + "\n")
    for e in range(events):
        f.write(json.dumps({"type": "ReportDiplomaticEvent", "eventId": f"bench-{run}-e{e}", "kind": "TALKS_ROUND",
                            "title": f"Round {e}", "citation": {"sourceId": source, "locator": "¶1"}}) + "\n")
    for i in range(accounts):
        f.write(json.dumps({"type": "RecordAccount", "eventId": f"bench-{run}-e{i % events}",
                            "accountId": f"bench-{run}-a{i}",
                            "citation": {"sourceId": source, "locator": f"¶{i % 40}"},
                            "claims": {"occurred": {"from": {"value": "2022-03-29"}, "to": {"value": "2022-03-30"}},
                                       "place": "Istanbul", "participants": ["Ukraine", "Russia", "Türkiye"],
                                       "summary": "The delegations met and exchanged written proposals on"
                                                  " neutrality and security guarantees."}}) + "\n")
PY

lines=$(wc -l < "$file")
echo "lines: $lines, bytes: $(wc -c < "$file")"
for pass in first replay; do
    start=$(date +%s.%N)
    curl -sf "${auth[@]}" -o "$file.out" -X POST "$base/api/import" -H 'Content-Type: application/x-ndjson' --data-binary @"$file"
    end=$(date +%s.%N)
    python3 - "$file.out" "$pass" "$start" "$end" "$lines" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
seconds = float(sys.argv[4]) - float(sys.argv[3])
print(f"{sys.argv[2]:>6}: {seconds:6.2f} s  {int(sys.argv[5]) / seconds:7.0f} lines/s  "
      f"accepted={report['accepted']} replayed={report['replayed']} rejected={report['rejected']}")
PY
done
