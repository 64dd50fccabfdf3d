#!/usr/bin/env bash
# Fuzz every operation of the API (/api/v1/) with schemathesis: a fresh SQLite installation with
# the demo data, served by `ejcms serve` on a free port, called with the token of a client that
# may do every action (a head of Chanthabouly, 0101). Fails on any server error (5xx) or any
# answer that does not conform to the OpenAPI schema. Run by `make test` (make api-fuzz alone).
#   API_FUZZ_EXAMPLES  test cases per operation and phase (default 50)
#   API_FUZZ_SEED      the random seed, to repeat a run (default: a new one each time)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-$PWD/.venv/bin}

var_dir=$(mktemp -d -t ejcms-fuzz.XXXXXX)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$var_dir"
}
trap cleanup EXIT

# Always SQLite in a directory of its own: never the database of the suite or of a real office.
unset EJCMS_DATABASE_URL
export EJCMS_VAR_DIR="$var_dir" EJCMS_ENV=development EJCMS_DEBUG=0
# Many calls a second from one client: the rate limits would answer 429 (which is right, but
# hides what the fuzzer wants to see).
export EJCMS_API_RATE=1000000/min EJCMS_API_RATE_ANON=1000000/min

echo "== API fuzzing: setting up a demo installation in $var_dir"
"$BIN/ejcms" setup --demo >"$var_dir/setup.log" 2>&1 || { cat "$var_dir/setup.log"; exit 1; }
token=$("$BIN/ejcms" api_client create --name "ລະບົບທົດສອບ API (schemathesis)" --office 0101 \
  --role head --actions all 2>/dev/null)

port=$("$BIN/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BIN/ejcms" serve --host 127.0.0.1 --port "$port" --no-worker >"$var_dir/server.log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 60); do
  "$BIN/python" -c "import urllib.request as u; u.urlopen('$base/health/', timeout=2)" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$var_dir/server.log"; exit 1; }
  sleep 0.5
done

echo "== API fuzzing: schemathesis against $base/api/v1/schema/"
status=0
# From the throw-away directory: schemathesis keeps a cache (.schemathesis/) where it runs.
(cd "$var_dir" && "$BIN/schemathesis" run "$base/api/v1/schema/" \
  --header "Authorization: Bearer $token" \
  --header "Accept-Language: en" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --phases examples,coverage,fuzzing \
  --max-examples "${API_FUZZ_EXAMPLES:-50}" \
  ${API_FUZZ_SEED:+--seed "$API_FUZZ_SEED"} \
  --workers 1 \
  --request-timeout 30 \
  --suppress-health-check all \
  --generation-database none \
  --no-color) \
  || status=$?

if [ "$status" -ne 0 ]; then
  echo "== API fuzzing FAILED; the server's log (last 80 lines):"
  tail -n 80 "$var_dir/server.log"
fi
exit "$status"
