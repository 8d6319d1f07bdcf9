#!/usr/bin/env bash
# Fuzzes the services against their published contract (api/openapi.json) with
# schemathesis: every operation, every check, as a signed-in shopper so the
# protected operations are exercised past 401. Fails on any failed check or
# error, on fewer than MIN_REQUESTS requests, or when the server no longer
# answers afterwards. Stops the server it starts, pass or fail.
#
# Needs the built `betterstore` (swift build) and python3 with venv; schemathesis
# is installed once into .build/fuzz-venv. FUZZ_EXAMPLES and FUZZ_SEED vary the run.
set -euo pipefail
cd "$(dirname "$0")/../.."

EXAMPLES=${FUZZ_EXAMPLES:-60}
SEED=${FUZZ_SEED:-20261202}
MIN_REQUESTS=1000
VENV=$PWD/.build/fuzz-venv
CONFIG=$PWD/Tests/Fuzz/schemathesis.toml

if [ ! -x "$VENV/bin/schemathesis" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check 'schemathesis>=4,<5'
fi

BIN=$(swift build --show-bin-path)
WORK=$(mktemp -d)
SERVER=
finish() {
    if [ -n "$SERVER" ] && kill -0 "$SERVER" 2>/dev/null; then
        kill "$SERVER" 2>/dev/null || true
        wait "$SERVER" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap finish EXIT

"$BIN/betterstore" serve --port 0 --data-dir "$WORK/data" >"$WORK/server.log" 2>&1 &
SERVER=$!
BASE=
for _ in $(seq 1 100); do
    BASE=$(head -n 1 "$WORK/server.log" | grep -o 'http://[0-9.]*:[0-9]*' || true)
    [ -n "$BASE" ] && break
    kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
    sleep 0.1
done
[ -n "$BASE" ] || { echo "schemathesis.sh: betterstore did not say where it listens" >&2; exit 1; }

# A real shopper for the protected operations, with an e-book in the cart so that
# the document's example order (cart `mine`) is placed and can be paid through its links.
TOKEN=$("$VENV/bin/python" - "$BASE" <<'PY'
import json, sys, urllib.request
def send(method, path, body, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    request = urllib.request.Request(sys.argv[1] + path, data=json.dumps(body).encode(), headers=headers, method=method)
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)
shopper = {"email": "fuzz@example.com", "password": "fuzzing-password", "name": "Fuzz Shopper",
           "address": {"name": "Fuzz Shopper", "line1": "1 Queen Street", "city": "Auckland", "postcode": "1010"}}
token = send("POST", "/user/v1/users", shopper)["token"]
send("PUT", "/cart/v1/carts/mine/items/dune-ebook", {"quantity": 1}, token)
print(token)
PY
)

# Run from the scratch folder so schemathesis keeps no state between runs.
# One worker: CPython 3.11's ast.parse, which the data generation calls, can fail
# with "AST constructor recursion depth mismatch" when two threads parse at once.
status=0
(cd "$WORK" && "$VENV/bin/schemathesis" --no-color --config-file "$CONFIG" run "$BASE/openapi.json" --url "$BASE" \
    --checks all --max-examples "$EXAMPLES" --seed "$SEED" --workers 1 \
    -H "Authorization: Bearer $TOKEN" \
    --report ndjson --report-ndjson-path "$WORK/events.ndjson") || status=$?

REQUESTS=$("$VENV/bin/python" - "$WORK/events.ndjson" <<'PY'
import json, sys
sent = 0
for line in open(sys.argv[1]):
    event = json.loads(line).get("ScenarioFinished")
    if event:
        sent += len(event["recorder"].get("interactions", {}))
print(sent)
PY
)
echo "schemathesis.sh: $REQUESTS requests sent"

if ! "$VENV/bin/python" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5)' "$BASE/health"; then
    echo "schemathesis.sh: the server no longer answers /health" >&2
    status=1
fi
if [ "$REQUESTS" -lt "$MIN_REQUESTS" ]; then
    echo "schemathesis.sh: only $REQUESTS requests; at least $MIN_REQUESTS are required" >&2
    status=1
fi
exit "$status"
