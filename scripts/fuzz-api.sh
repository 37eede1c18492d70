#!/usr/bin/env bash
# Fuzzes every operation of the api from its OpenAPI document with schemathesis (issue #6): no answer may be a 5xx.
#
#   npm run fuzz:api                      (FUZZ_MAX_EXAMPLES=40 per operation and identity; about 5-10 minutes)
#
# Starts a throwaway stack of its own (`scripts/start.ts`: embedded PostgreSQL, Temporal dev server, bank simulator,
# worker, api) on non-default ports with a temporary SIGAP_DATA_DIR, unless FUZZ_BASE_URL points at a running api
# (then DATABASE_URL etc. are that stack's business). Files a few claims so that claim numbers exist, logs in as the
# staff roles, and runs schemathesis once per identity: anonymous, kpu.kotabandung, bpjs.officer, bpjs.supervisor,
# admin. Stops everything it started. Not part of `npm test` (too slow).
#
# Needs schemathesis (`st`): FUZZ_ST=/path/to/st, or it is installed into /tmp/sigap-st-venv from PyPI.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
MAX_EXAMPLES="${FUZZ_MAX_EXAMPLES:-40}"
WORKERS="${FUZZ_WORKERS:-4}"
OUT="${FUZZ_OUT:-$(mktemp -d /tmp/sigap-fuzz-XXXXXX)}"
mkdir -p "$OUT"
ST="${FUZZ_ST:-}"
PASSWORD="${FUZZ_PASSWORD:-sigap-demo}"
say() { printf '[fuzz] %s\n' "$*"; }

if [[ -z "$ST" ]]; then
  if command -v st >/dev/null 2>&1 && st --version 2>/dev/null | grep -q '^st, version 4'; then
    ST="$(command -v st)"
  else
    if [[ ! -x /tmp/sigap-st-venv/bin/st ]]; then
      say "installing schemathesis into /tmp/sigap-st-venv"
      python3 -m venv /tmp/sigap-st-venv
      /tmp/sigap-st-venv/bin/pip install -q 'schemathesis>=4,<5'
    fi
    ST=/tmp/sigap-st-venv/bin/st
  fi
fi
say "schemathesis: $("$ST" --version)"

STACK_PID=""
DATA_DIR=""
cleanup() {
  if [[ -n "$STACK_PID" ]] && kill -0 "$STACK_PID" 2>/dev/null; then
    say "stopping the stack (pid $STACK_PID)"
    kill -TERM "$STACK_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$STACK_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$STACK_PID" 2>/dev/null || true
  fi
  [[ -n "$DATA_DIR" ]] && rm -rf "$DATA_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -n "${FUZZ_BASE_URL:-}" ]]; then
  BASE="$FUZZ_BASE_URL"
  say "using the running api at $BASE"
else
  free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close()})'; }
  PORT="${FUZZ_API_PORT:-$(free_port)}"
  BASE="http://127.0.0.1:$PORT"
  if curl -s -o /dev/null "$BASE/health"; then say "port $PORT is already in use: set FUZZ_API_PORT"; exit 1; fi
  DATA_DIR="$(mktemp -d /tmp/sigap-fuzz-data-XXXXXX)"
  say "starting a throwaway stack (data in $DATA_DIR, api on $PORT); log in $OUT/stack.log"
  env -u DATABASE_URL -u TEMPORAL_ADDRESS -u BANK_GATEWAY_URL \
    NODE_ENV=development LOG_LEVEL=warn \
    SIGAP_DATA_DIR="$DATA_DIR" DOCUMENTS_DIR="$DATA_DIR/documents" \
    API_PORT="$PORT" API_HOST=127.0.0.1 \
    SIGAP_POSTGRES_PORT="${FUZZ_PG_PORT:-$(free_port)}" \
    SIGAP_TEMPORAL_PORT="${FUZZ_TEMPORAL_PORT:-$(free_port)}" SIGAP_TEMPORAL_UI_PORT="${FUZZ_TEMPORAL_UI_PORT:-$(free_port)}" \
    SIGAP_BANK_SIM_PORT="${FUZZ_BANK_PORT:-$(free_port)}" \
    JWT_ACCESS_TTL_SECONDS=7200 \
    node_modules/.bin/ts-node -r tsconfig-paths/register --transpile-only scripts/start.ts >"$OUT/stack.log" 2>&1 &
  STACK_PID=$!
  for i in $(seq 1 240); do
    # ready when our own stack says so (never a stranger's api on the same port)
    if grep -qs 'Sigap is ready' "$OUT/stack.log" && curl -fsS "$BASE/health" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$STACK_PID" 2>/dev/null; then say "the stack did not start:"; tail -30 "$OUT/stack.log"; exit 1; fi
    sleep 1
    [[ $i == 240 ]] && { say "the api did not answer within 240 s"; exit 1; }
  done
  say "stack is up"
fi

token() {
  curl -fsS -X POST "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$PASSWORD\"}" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).accessToken))'
}

ADMIN_TOKEN="$(token admin)"
# a few claims, so that generated claim numbers (SGP-<year>-00000N) and the examples meet real workflows
for i in 1 2 3 4 5; do
  day=$(printf '%02d' $((i + 10)))
  curl -fsS -o /dev/null -X POST "$BASE/api/v1/incidents" -H "Authorization: Bearer $ADMIN_TOKEN" \
    -H 'Content-Type: application/json' \
    -d "{\"workerNik\":\"327301${day}0790000$i\",\"incidentType\":\"$([[ $i == 1 ]] && echo ACCIDENT || echo DEATH)\",\"occurredAt\":\"$(date -u -d '-3 hours' +%Y-%m-%dT%H:%M:%SZ)\",\"regionCode\":\"3273011001\"}" ||
    say "filing claim $i failed (continuing)"
done

declare -A TOKENS=(
  [anonymous]=""
  [kpu.kotabandung]="$(token kpu.kotabandung)"
  [bpjs.officer]="$(token bpjs.officer)"
  [bpjs.supervisor]="$(token bpjs.supervisor)"
  [admin]="$ADMIN_TOKEN"
)

status=0
SUMMARY="$OUT/summary.txt"
: >"$SUMMARY"
for who in anonymous kpu.kotabandung bpjs.officer bpjs.supervisor admin; do
  say "schemathesis as $who (max $MAX_EXAMPLES examples per operation)"
  args=(run "$BASE/api/docs-json" --url "$BASE" --checks not_a_server_error --max-examples "$MAX_EXAMPLES"
    --workers "$WORKERS" --phases examples,coverage,fuzzing --suppress-health-check all --request-timeout 30
    --no-color --report junit --report-junit-path "$OUT/junit-$who.xml" --generation-database none)
  [[ -n "${TOKENS[$who]}" ]] && args+=(-H "Authorization: Bearer ${TOKENS[$who]}")
  set +e
  "$ST" "${args[@]}" >"$OUT/st-$who.log" 2>&1
  rc=$?
  set -e
  [[ $rc -ne 0 ]] && status=1
  {
    echo "== $who (exit $rc)"
    sed -n '/^API Operations:/,/^Seed:/p' "$OUT/st-$who.log" | grep -v '^Reports:\|JUnit:\|^Seed:\|^$' ||
      tail -15 "$OUT/st-$who.log"
    grep -E '^_+ .* _+$|Server error|\[5[0-9][0-9]\]' "$OUT/st-$who.log" | sort | uniq -c | head -30 || true
  } | tee -a "$SUMMARY"
done

if [[ -n "$STACK_PID" ]] && grep -q '"level":50\|unhandled error' "$OUT/stack.log"; then
  say "the api logged unhandled errors (see $OUT/stack.log)"
fi
say "logs and reports in $OUT; summary in $SUMMARY"
exit $status
