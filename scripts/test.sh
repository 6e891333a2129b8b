#!/usr/bin/env bash
# Runs every test project: unit and HTTP-level integration tests on SQLite and PostgreSQL, then
# the browser tests in Debian's Chromium. Installs what is missing (as root), starts a throw-away
# PostgreSQL cluster on 127.0.0.1, stops it afterwards, and prints as its last line the total over
# all projects: "N passed, N failed".
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
configuration="${CONFIGURATION:-Debug}"
results="$repo/artifacts/test-results"
mkdir -p "$results"

log() { printf '==> %s\n' "$*" >&2; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

install_missing() {
  local packages=()
  [ -x /usr/bin/chromium ] || packages+=(chromium)
  [ -n "$(pg_bin)" ] || packages+=(postgresql)
  [ ${#packages[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    log "missing: ${packages[*]}; run this script as root once, or install them with apt-get"
    finish 0 1 1
  fi
  log "installing ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

pg_dir=""
pg_as() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_postgres() {
  local bin port
  bin="$(pg_bin)"
  port="$(free_port)"
  pg_dir="$(mktemp -d /tmp/cash-test-pg.XXXXXX)"
  [ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
  log "starting a throw-away PostgreSQL cluster on 127.0.0.1:$port"
  pg_as "$bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --no-sync >"$pg_dir/initdb.log" 2>&1 \
    || { cat "$pg_dir/initdb.log" >&2; finish 0 1 1; }
  pg_as "$bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-h 127.0.0.1 -p $port -k $pg_dir -c fsync=off -c max_connections=200" start >/dev/null \
    || { cat "$pg_dir/server.log" >&2; finish 0 1 1; }
  export CASH_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
}

stop_postgres() {
  [ -n "$pg_dir" ] || return 0
  pg_as "$(pg_bin)/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1
  rm -rf "$pg_dir"
  log "PostgreSQL cluster stopped and removed"
}
trap stop_postgres EXIT

# Stops what was started, then prints the total: the last line, always.
finish() {
  stop_postgres
  pg_dir=""
  echo "$1 passed, $2 failed"
  exit "$3"
}

install_missing
start_postgres

# Dozens of application instances run side by side in one test process: configuration files are
# not watched for changes (each watcher takes one of the 128 inotify instances a user may hold).
export DOTNET_hostBuilder__reloadConfigOnChange=false DOTNET_USE_POLLING_FILE_WATCHER=true

log "building ($configuration)"
if ! dotnet build Cash.slnx -c "$configuration" -warnaserror -nologo -v quiet >"$results/build.log" 2>&1; then
  cat "$results/build.log"
  finish 0 1 1
fi

total_passed=0
total_failed=0
status=0
for project in tests/Cash.Tests tests/Cash.BrowserTests; do
  name="$(basename "$project")"
  log "testing $name"
  dotnet test --project "$project" -c "$configuration" --no-build --no-progress --output Detailed 2>&1 | tee "$results/$name.log"
  code=${PIPESTATUS[0]}
  passed=$(sed -n 's/^[[:space:]]*succeeded:[[:space:]]*\([0-9]\+\).*/\1/p' "$results/$name.log" | tail -n 1)
  failed=$(sed -n 's/^[[:space:]]*failed:[[:space:]]*\([0-9]\+\).*/\1/p' "$results/$name.log" | tail -n 1)
  passed=${passed:-0}
  failed=${failed:-0}
  # A project that crashed or ran nothing counts as a failure, never as silence.
  if [ "$code" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
  [ "$code" -ne 0 ] && status=1
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
done

# The logs are long and CI may keep only their end: name every failed test again, with the first
# lines of its message, right above the total.
if [ "$total_failed" -ne 0 ]; then
  log "failed tests (full logs in artifacts/test-results/)"
  for project in tests/Cash.Tests tests/Cash.BrowserTests; do
    awk '/^(passed|skipped) / { show = 0 }
         /^failed / && !/ failed with / { show = 1; lines = 0 }
         show && lines < 25 { print; lines++ }' "$results/$(basename "$project").log"
  done
fi

finish "$total_passed" "$total_failed" "$status"
