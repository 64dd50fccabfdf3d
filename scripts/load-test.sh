#!/usr/bin/env bash
# Load test (make load-test): a throw-away installation with the demo and a bulk caseload, served
# as in production (`ejcms serve --production`, gunicorn, beside an `ejcms worker`), under
# simulated district staff (scripts/locustfile.py says what they do). Prints requests a second,
# p50/p95/max per kind of request and overall, and the failures; exits non-zero on any failure.
#   EJCMS_DATABASE_URL  a PostgreSQL server to use (its database ejcms_load is dropped, created
#                       for the run and dropped again; the database the URL names is not touched).
#                       Unset: SQLite in a temporary directory.
#   LOAD_CASES     bulk cases besides the demo's (default 20000)
#   LOAD_WORKERS   gunicorn worker processes (default 4)   LOAD_THREADS  threads each (default 4)
#   LOAD_USERS     simulated users (default 50)            LOAD_SPAWN    started a second (10)
#   LOAD_TIME      how long (default 2m)                   LOAD_THINK    pause between requests,
#                                                          "min,max" seconds (default 0.5,2.5)
#   LOAD_OUT       where the CSV statistics, the HTML report and the logs go (default: a new
#                  temporary directory)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-$PWD/.venv/bin}

users=${LOAD_USERS:-50}
spawn=${LOAD_SPAWN:-10}
run_time=${LOAD_TIME:-2m}
cases=${LOAD_CASES:-20000}
workers=${LOAD_WORKERS:-4}
threads=${LOAD_THREADS:-4}
out=${LOAD_OUT:-$(mktemp -d -t ejcms-load-out.XXXXXX)}
mkdir -p "$out"
out=$(cd "$out" && pwd)

echo "== load test: installing the load tools (locust)"
"$BIN/pip" install --quiet --disable-pip-version-check -c requirements/constraints.txt -e ".[load]"

# A clean environment: only the database server is taken from the caller.
database_url=${EJCMS_DATABASE_URL:-}
for name in $(compgen -e | grep '^EJCMS_' || true); do unset "$name"; done
unset DJANGO_SETTINGS_MODULE DJANGO_ALLOW_ASYNC_UNSAFE

var_dir=$(mktemp -d -t ejcms-load.XXXXXX)
server_pid=""
worker_pid=""
pg_admin=""
cleanup() {
  for pid in $server_pid $worker_pid; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in $server_pid $worker_pid; do
    wait "$pid" 2>/dev/null || true
  done
  cp "$var_dir"/*.log "$out"/ 2>/dev/null || true
  rm -rf "$var_dir"
  if [ -n "$pg_admin" ]; then
    "$BIN/python" -c 'import sys, psycopg
with psycopg.connect(sys.argv[1], autocommit=True) as c:
    c.execute("DROP DATABASE IF EXISTS ejcms_load WITH (FORCE)")' "$pg_admin" || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export EJCMS_VAR_DIR="$var_dir"
# One random key for the setup and the server (ids in URLs and the audit chain depend on it).
EJCMS_SECRET_KEY=$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(48))')
export EJCMS_SECRET_KEY
if [ -n "$database_url" ]; then
  # Never the database the URL names: a database of the load test's own on that server.
  urls=$("$BIN/python" - "$database_url" <<'EOF'
import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg

url = urlsplit(sys.argv[1])
if url.scheme not in ("postgres", "postgresql", "pgsql"):
    sys.exit(f"EJCMS_DATABASE_URL: the load test runs on PostgreSQL or SQLite, not {url.scheme}")
admin = urlunsplit(url._replace(path="/postgres"))
with psycopg.connect(admin, autocommit=True) as connection:
    connection.execute("DROP DATABASE IF EXISTS ejcms_load WITH (FORCE)")
    connection.execute("CREATE DATABASE ejcms_load")
print(admin, urlunsplit(url._replace(path="/ejcms_load")))
EOF
)
  pg_admin=${urls%% *}
  export EJCMS_DATABASE_URL=${urls#* }
  database="PostgreSQL (database ejcms_load)"
else
  database="SQLite in $var_dir"
fi

password=$(sed -n 's/^DEMO_PASSWORD = "\(.*\)"$/\1/p' src/ejcms/cases/demo.py)
[ -n "$password" ] || { echo "DEMO_PASSWORD not found in src/ejcms/cases/demo.py"; exit 1; }

echo "== load test: the demo and $cases bulk cases on $database"
setup() { EJCMS_ENV=development "$BIN/ejcms" "$@" >>"$var_dir/setup.log" 2>&1 || {
  tail -n 40 "$var_dir/setup.log"
  exit 1
}; }
setup setup --demo
setup demo --bulk --cases "$cases" --no-index
setup search-reindex --missing
grep -h "demo (bulk)\|search index" "$var_dir/setup.log" | sed 's/^/   /'

# As in production (EJCMS_TWO_FACTOR and EJCMS_HTTPS at their production defaults, on): the
# simulated users are officers and clerks, who log in with a password alone, and they send what
# nginx adds in front of the server (X-Forwarded-Proto).
export EJCMS_ENV=production EJCMS_ALLOWED_HOSTS=127.0.0.1
port=$("$BIN/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BIN/ejcms" serve --production --host 127.0.0.1 --port "$port" --workers "$workers" \
  --threads "$threads" >"$var_dir/server.log" 2>&1 &
server_pid=$!
"$BIN/ejcms" worker >"$var_dir/worker.log" 2>&1 &
worker_pid=$!
base="http://127.0.0.1:$port"
for attempt in $(seq 1 120); do
  "$BIN/python" -c "import urllib.request as u; u.urlopen('$base/health/', timeout=2)" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$var_dir/server.log"; exit 1; }
  [ "$attempt" -lt 120 ] || { echo "no answer from $base/health/"; tail -n 40 "$var_dir/server.log"; exit 1; }
  sleep 0.5
done
head -n 1 "$var_dir/server.log" | sed 's/^/   /'

cpu=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)
memory=$(awk '/^MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo)
echo "== load test: $users users (started $spawn a second) for $run_time against $base"
echo "   machine: $cpu, $(nproc) CPUs, $memory RAM"
status=0
LOAD_PASSWORD="$password" "$BIN/locust" -f scripts/locustfile.py --headless \
  --users "$users" --spawn-rate "$spawn" --run-time "$run_time" --stop-timeout 10 \
  --host "$base" --csv "$out/load" --html "$out/report.html" --only-summary \
  --loglevel WARNING >"$out/locust.log" 2>&1 || status=$?

"$BIN/python" - "$out" <<'EOF' || status=1
import csv
import sys
from pathlib import Path

out = Path(sys.argv[1])
rows = list(csv.DictReader((out / "load_stats.csv").open()))
if not rows:
    sys.exit("no statistics: see locust.log")
print(f"{'request':<30}{'count':>8}{'failed':>8}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
failed = 0
for row in rows:
    name = "all requests" if row["Name"] == "Aggregated" else f"{row['Type']} {row['Name']}"
    if row["Name"] == "Aggregated":
        print("-" * 81)
        failed = int(row["Failure Count"])
    print(
        f"{name:<30}{row['Request Count']:>8}{row['Failure Count']:>8}"
        f"{float(row['Requests/s']):>8.1f}{row['50%']:>9}{row['95%']:>9}"
        f"{float(row['Max Response Time']):>9.0f}"
    )
failures = list(csv.DictReader((out / "load_failures.csv").open()))
for row in failures:
    print(f"FAILED {row['Occurrences']}× {row['Method']} {row['Name']}: {row['Error']}")
print(f"failures: {failed}")
sys.exit(1 if failed else 0)
EOF

echo "   CSV statistics, the HTML report and the logs: $out"
if [ "$status" -ne 0 ]; then
  echo "== load test FAILED; locust's log and the server's, without its request lines (last 40 lines each):"
  tail -n 40 "$out/locust.log"
  grep -v '"logger": "ejcms.request"' "$var_dir/server.log" | tail -n 40 || true
fi
exit "$status"
