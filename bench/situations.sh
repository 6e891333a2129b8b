#!/usr/bin/env bash
# Measures the situations' pages as a signed-in member of a service, on a database of 1,000
# situations and on one of 1,000,000, on SQLite and on PostgreSQL, and checks the budget: for every
# page, p95 at 1,000,000 <= 1.5 x p95 at 1,000.
#
# Pages: the list (/pro/situations), filtered by school (?ecole=), by status (?statut=Open), "needing
# action" (?action=1), and one situation's page (/pro/situations/{id}).
#
# For each database: a throw-away database (SQLite: a file in a temporary folder; PostgreSQL: a
# cluster on 127.0.0.1 started and stopped here, as scripts/test.sh does), migrated and seeded by
# bench/SituationSeed with 1,000 situations (3 people and 5 journal entries each, every value sealed
# with the app's key under a fresh master key) and a professional of the service with two-factor
# on, and a copy of it. The app (Release, Production) serves the small one and is signed in to
# through the front door (password, then the authenticator code); every page must answer 200 before
# the copy is topped up to 1,000,000 by the same generator and served by a second instance. Every
# page is then measured on the small one, the large one, and the small one again, so that the
# machine's drift shows and the ratio uses the mean of the two small runs. Prints a Markdown table
# (also written to bench/out/situations.md, the plans of the list's query beside it) and exits 0
# when every budget holds, 1 when one does not, 2 when the run itself failed (build, seed,
# start-up, sign-in, a page that does not answer 200).
#
# Settings (environment): BENCH_DURATION (10s), BENCH_WARMUP (5s), BENCH_CONNECTIONS (8),
# BENCH_THREADS (1), BENCH_SMALL (1000), BENCH_LARGE (1000000), BENCH_PROVIDERS ("sqlite postgres"),
# BENCH_SERVICE (le-declic: the signed-in member's service), BENCH_PAGES (the pages, space-separated,
# {school} and {situation} standing for the school and the situation chosen by the generator;
# defaults above), BENCH_BUDGET (1.5), BENCH_TMPDIR (/tmp:
# where the databases go; about 6 GB per database at a million), BENCH_KEEP=1 to keep the databases
# (and the PostgreSQL cluster's folder) for a look afterwards, BENCH_PIN=1 (apps on one core, wrk on
# the other), BENCH_SKIP_BUILD=1 to reuse what is already in bench/out/.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$repo/bench/out"
duration="${BENCH_DURATION:-10s}"
warmup="${BENCH_WARMUP:-5s}"
threads="${BENCH_THREADS:-1}"
# Latency is what is compared, so a few connections: enough to keep the app busy, not so many that
# p95 is mostly the time spent waiting in the queue.
connections="${BENCH_CONNECTIONS:-8}"
small="${BENCH_SMALL:-1000}"
large="${BENCH_LARGE:-1000000}"
read -r -a providers <<<"${BENCH_PROVIDERS:-sqlite postgres}"
service="${BENCH_SERVICE:-le-declic}"
budget="${BENCH_BUDGET:-1.5}"
tmp_parent="${BENCH_TMPDIR:-/tmp}"
script="$repo/bench/situations.lua"
# {school} is the most frequent school, {situation} one the signed-in member's service leads.
default_pages='/pro/situations /pro/situations?ecole={school} /pro/situations?statut=Open /pro/situations?action=1 /pro/situations/{situation}'
read -r -a page_templates <<<"${BENCH_PAGES:-$default_pages}"

source "$repo/bench/lib.sh"

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
pg_as() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_dir=""
stop_postgres() {
  [ -n "$pg_dir" ] || return 0
  pg_as "$(pg_bin)/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
  [ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$pg_dir"
  pg_dir=""
}

# The apps of one database, stopped before the next database's turn (lib.sh's stop_servers also
# removes the work folder: it runs once, on exit).
stop_apps() {
  local pid
  for pid in "${started[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  started=()
}

# The databases are kept on request: lib.sh removes $work on exit unless it is emptied first.
finish() {
  stop_servers
  stop_postgres
}
trap finish EXIT

# A throw-away cluster on a free port of 127.0.0.1, as scripts/test.sh starts one, with room for a
# million situations: shared buffers of 1 GB, checkpoints spaced out while the generator loads.
# Durability stays on (fsync): the app's writes during the run (the audit trail of every read) cost
# what they cost in production.
start_postgres() {
  local bin
  bin="$(pg_bin)"
  pg_port="$(free_port)"
  pg_dir="$(mktemp -d "$tmp_parent/cash-bench-pg.XXXXXX")"
  [ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
  log "starting a throw-away PostgreSQL cluster on 127.0.0.1:$pg_port ($pg_dir)"
  pg_as "$bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --no-sync >"$pg_dir/initdb.log" 2>&1 \
    || { cat "$pg_dir/initdb.log" >&2; exit 2; }
  pg_as "$bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-h 127.0.0.1 -p $pg_port -k $pg_dir -c max_connections=200 -c shared_buffers=1GB -c max_wal_size=8GB -c checkpoint_timeout=30min" \
    start >/dev/null || { cat "$pg_dir/server.log" >&2; exit 2; }
}

psql_admin() { "$(pg_bin)/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q -c "$1" >/dev/null; }

# The app's settings for one database: provider, connection string, the run's master key.
database_env() {
  local name="$1"
  if [ "$provider" = postgres ]; then
    echo "Database__Provider=Postgres"
    echo "ConnectionStrings__Cash=Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=cash_$name"
  else
    echo "Database__Provider=Sqlite"
    echo "ConnectionStrings__Cash=Data Source=$base/$name.db"
  fi
  echo "Security__MasterKey=$master_key"
}

# Runs the generator on one database; its output goes to a log, shown if it fails.
generator() {
  local name="$1" logfile="$2"
  shift 2
  if ! (
    while IFS= read -r setting; do export "${setting?}"; done < <(database_env "$name")
    exec dotnet "$out/situation-seed/SituationSeed.dll" "$@"
  ) >"$logfile" 2>&1; then
    log "the generator failed on the $name database; its output:"
    cat "$logfile" >&2
    exit 2
  fi
}

# Starts the app on one database and a free port; sets app_url.
start_app() {
  local name="$1" port
  port="$(free_port)"
  app_url="http://127.0.0.1:$port"
  (
    cd "$out/app"
    while IFS= read -r setting; do export "${setting?}"; done < <(database_env "$name")
    export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
    export Site__BaseUrl="$app_url" Smtp__PickupDirectory="$base/mail-$name"
    exec "${server_pin[@]}" dotnet Cash.Web.dll --urls "$app_url"
  ) >"$base/app-$name.log" 2>&1 &
  started+=("$!")
  app_pid=$!
  wait_ready "$app_url/health" "$app_pid" "$base/app-$name.log"
}

# Every page once on one database: anything but 200 stops the run (a redirect is the sign-in page).
check_pages() {
  local side="$1" url="$2" session="$3" page status
  for page in "${pages[@]}"; do
    status="$(probe "$url$page" "$session")"
    if [ "$status" != 200 ]; then
      log "$provider: $page answered $status on the $side database, not 200 (is the page on this branch?); the end of the app's log:"
      tail -n 30 "$base/app-$side.log" >&2
      exit 2
    fi
  done
}

# Waits (up to a minute) until the app has worked off what wrk left in flight: requests wrk stopped
# waiting for still run, and a slow page would otherwise weigh on the next page's figures.
wait_idle() {
  local pid="$1" before after i
  for i in $(seq 1 120); do
    before="$(awk '{ print $14 + $15 }' "/proc/$pid/stat")"
    sleep 0.5
    after="$(awk '{ print $14 + $15 }' "/proc/$pid/stat")"
    # Under a tenth of a core over half a second: idle.
    if [ $(( after - before )) -le $(( $(getconf CLK_TCK) / 20 )) ]; then
      return 0
    fi
  done
}

# The 6-digit code an authenticator app shows now for a base32 key (RFC 6238: SHA-1, 30 s).
totp() {
  python3 - "$1" <<'PY'
import base64, hashlib, hmac, struct, sys, time
secret = sys.argv[1].upper()
key = base64.b32decode(secret + "=" * (-len(secret) % 8))
digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
offset = digest[-1] & 15
print("%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000))
PY
}

form_token() { sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1; }

# Signs the bench professional in through the front door, as a browser does: the sign-in form, then
# the authenticator code. The session cookie is Secure and __Host-: curl, like browsers, keeps and
# sends such cookies to 127.0.0.1 over plain http. Sets cookie ("name=value") for wrk.
sign_in() {
  local url="$1" jar="$2" token answer
  rm -f "$jar"
  token="$(curl -s -c "$jar" -b "$jar" "$url/pro/connexion" | form_token)"
  answer="$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -c "$jar" -b "$jar" \
    --data-urlencode "Input.Email=$BENCH_EMAIL" --data-urlencode "Input.Password=$BENCH_PASSWORD" \
    --data-urlencode "__RequestVerificationToken=$token" "$url/pro/connexion")"
  case "$answer" in
    "302 "*/pro/connexion/code*) ;;
    *) log "signing in at $url: the password step answered '$answer', not a redirect to the code"; exit 2 ;;
  esac
  token="$(curl -s -c "$jar" -b "$jar" "$url/pro/connexion/code" | form_token)"
  answer="$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -c "$jar" -b "$jar" \
    --data-urlencode "Input.Code=$(totp "$BENCH_TOTP_KEY")" \
    --data-urlencode "__RequestVerificationToken=$token" "$url/pro/connexion/code")"
  case "$answer" in
    "302 "*/pro) ;;
    *) log "signing in at $url: the code step answered '$answer', not a redirect to /pro"; exit 2 ;;
  esac
  cookie="$(awk -F '\t' '$6 == "__Host-cash-session" { print $6 "=" $7 }' "$jar")"
  if [ -z "$cookie" ]; then
    log "signing in at $url: no session cookie in $jar"
    exit 2
  fi
}

# One plain request with the session: the status (a redirect would be the sign-in page, not the page).
probe() { curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $2" "$1" || true; }

# Runs wrk on one URL with a session cookie; sets rps, p50, p95, p99 (ms) and errors.
measure() {
  local url="$1" session="$2" report="$3" socket non_2xx
  "${load_pin[@]}" wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$script" "$url" -- "$session" >"$report"
  rps="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$report")"
  p50="$(awk '/^p50-ms:/ { printf "%.2f", $2 }' "$report")"
  p95="$(awk '/^p95-ms:/ { printf "%.2f", $2 }' "$report")"
  p99="$(awk '/^p99-ms:/ { printf "%.2f", $2 }' "$report")"
  non_2xx="$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$report")"
  socket="$(sed -n 's/.*connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\).*/\1 \2 \3 \4/p' "$report" \
    | awk '{ print $1 + $2 + $3 + $4 }')"
  errors=$(( ${non_2xx:-0} + ${socket:-0} ))
}

mean() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (a + b) / 2 }'; }
drift() { awk -v a="$1" -v b="$2" 'BEGIN { d = (a > 0 ? (b - a) * 100 / a : 0); printf "%+d", int(d + (d < 0 ? -0.5 : 0.5)) }'; }
seconds_since() { echo $(( $(date +%s) - $1 )); }

mkdir -p "$out" "$tmp_parent"
rm -f "$out"/wrk-situations-*.txt "$out"/situations-plans-*.txt
ensure wrk wrk
ensure curl curl
for provider in "${providers[@]}"; do
  case "$provider" in
    sqlite) ;;
    postgres)
      if [ -z "$(pg_bin)" ]; then
        ensure pg_ctlcluster postgresql
      fi
      ;;
    *) log "unknown provider '$provider' in BENCH_PROVIDERS (sqlite, postgres)"; exit 2 ;;
  esac
done

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  log "publishing the app and the situations generator (Release)"
  publish "$repo/src/Cash.Web/Cash.Web.csproj" "$out/app"
  publish "$repo/bench/SituationSeed/SituationSeed.csproj" "$out/situation-seed"
fi

work="$(mktemp -d "$tmp_parent/cash-bench.XXXXXX")"
run_started="$(date +%s)"
rows=()
notes=()
over=0
runs=0

for provider in "${providers[@]}"; do
  base="$work/$provider"
  mkdir -p "$base"
  master_key="$(head -c 32 /dev/urandom | base64)"
  if [ "$provider" = postgres ]; then
    start_postgres
    psql_admin "CREATE DATABASE cash_small"
  fi

  log "$provider: seeding $small situations"
  started_at="$(date +%s)"
  generator small "$base/seed-small.log" seed "$small" --service "$service" --account "$base/account.sh"
  seed_small="$(seconds_since "$started_at")"
  # shellcheck source=/dev/null
  source "$base/account.sh"

  # The large database starts as a copy of the small one: same account, same situation to open.
  if [ "$provider" = postgres ]; then
    psql_admin "CREATE DATABASE cash_large TEMPLATE cash_small"
  else
    for file in "$base"/small.db*; do cp "$file" "${file/small.db/large.db}"; done
  fi

  pages=()
  for page in "${page_templates[@]}"; do
    page="${page//\{school\}/$BENCH_SCHOOL_ID}"
    pages+=("${page//\{situation\}/$BENCH_SITUATION_ID}")
  done

  # The small database is served first: a page that is not there stops the run before the long seed.
  start_app small
  small_url="$app_url"
  small_pid="$app_pid"
  log "$provider: $small situations at $small_url; signing in as $BENCH_EMAIL"
  sign_in "$small_url" "$base/cookies-small.txt"
  small_cookie="$cookie"
  check_pages small "$small_url" "$small_cookie"

  log "$provider: topping the copy up to $large situations (see $base/seed-large.log)"
  started_at="$(date +%s)"
  generator large "$base/seed-large.log" seed "$large" --service "$service"
  seed_large="$(seconds_since "$started_at")"
  grep -E '^(added|counts|VACUUM|checkpoint)' "$base/seed-large.log" >&2 || true

  log "$provider: plans of the list's query at both sizes"
  generator small "$out/situations-plans-$provider-small.txt" plans --service "$service" --school "$BENCH_SCHOOL_ID"
  generator large "$out/situations-plans-$provider-large.txt" plans --service "$service" --school "$BENCH_SCHOOL_ID"

  start_app large
  large_url="$app_url"
  large_pid="$app_pid"
  log "$provider: $large situations at $large_url; signing in"
  sign_in "$large_url" "$base/cookies-large.txt"
  large_cookie="$cookie"
  check_pages large "$large_url" "$large_cookie"

  log "$provider: warming up ($warmup per page and database)"
  for page in "${pages[@]}"; do
    "${load_pin[@]}" wrk -t"$threads" -c"$connections" -d"$warmup" -s "$script" "$small_url$page" -- "$small_cookie" >/dev/null
    "${load_pin[@]}" wrk -t"$threads" -c"$connections" -d"$warmup" -s "$script" "$large_url$page" -- "$large_cookie" >/dev/null
  done

  for page in "${pages[@]}"; do
    log "$provider: measuring $page ($duration on $small, $large, $small situations)"
    runs=$(( runs + 1 )); measure "$small_url$page" "$small_cookie" "$out/wrk-situations-$runs.txt"; wait_idle "$small_pid"
    s1_rps="$rps"; s1_p50="$p50"; s1_p95="$p95"; s1_p99="$p99"; s1_errors="$errors"
    runs=$(( runs + 1 )); measure "$large_url$page" "$large_cookie" "$out/wrk-situations-$runs.txt"; wait_idle "$large_pid"
    l_rps="$rps"; l_p50="$p50"; l_p95="$p95"; l_p99="$p99"; l_errors="$errors"
    runs=$(( runs + 1 )); measure "$small_url$page" "$small_cookie" "$out/wrk-situations-$runs.txt"; wait_idle "$small_pid"
    s_p95="$(mean "$s1_p95" "$p95")"
    r="$(ratio "$l_p95" "$s_p95")"
    total_errors=$(( s1_errors + l_errors + errors ))
    if awk -v r="$r" -v b="$budget" 'BEGIN { exit !(r <= b) }' && [ "$total_errors" -eq 0 ]; then
      met=yes
    else
      met=no
      over=$(( over + 1 ))
    fi
    label="${page/$BENCH_SITUATION_ID/\{situation\}}"
    label="${label/ecole=$BENCH_SCHOOL_ID/ecole=\{school\}}"
    rows+=("| $provider | \`$label\` | $(mean "$s1_p50" "$p50") | $s_p95 | $(mean "$s1_p99" "$p99") | $(awk -v a="$s1_rps" -v b="$rps" 'BEGIN { printf "%.0f", (a + b) / 2 }') | $(drift "$s1_p95" "$p95") % | $l_p50 | $l_p95 | $l_p99 | $l_rps | $r | $total_errors | $met |")
  done

  notes+=("$provider: seeding $small situations took $seed_small s, topping up to $large took $seed_large s; $(grep -E '^counts:' "$base/seed-large.log" | sed 's/^counts: //')")
  stop_apps
  stop_postgres
  if [ "${BENCH_KEEP:-0}" = 1 ]; then
    notes+=("$provider: databases kept in $base")
  else
    rm -rf "$base"
  fi
done

[ "${BENCH_KEEP:-0}" = 1 ] && work=""
total=${#rows[@]}
if [ "$over" -eq 0 ]; then
  summary="every budget met ($total pages x databases)"
else
  summary="budget NOT met for $over of $total pages x databases"
fi

{
  echo "# Situations: $small against $large situations"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)," \
    "$(nproc) cores, wrk -t$threads -c$connections -d$duration per run${server_pin[*]:+, apps pinned (${server_pin[*]}), wrk pinned (${load_pin[*]})}," \
    "signed in as a member of $service; whole run $(( $(date +%s) - run_started )) s."
  echo "Each page measured on $small situations, on $large, and on $small again: the small figures are the mean of the two runs, drift the change of p95 between them."
  echo "Budget: p95 at $large <= $budget x p95 at $small, and no error (HTTP >= 300 or socket)."
  echo
  echo "| database | page | p50 ms (small) | p95 ms (small) | p99 ms (small) | req/s (small) | drift | p50 ms (large) | p95 ms (large) | p99 ms (large) | req/s (large) | ratio p95 | errors | budget met |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  printf '%s\n' "${rows[@]}"
  echo
  printf -- '- %s\n' "${notes[@]}"
  echo
  echo "Plans of the list's query at both sizes: \`bench/out/situations-plans-<database>-<size>.txt\`."
  echo
  echo "**$summary**"
} >"$out/situations.md"

echo
cat "$out/situations.md"

if [ "$over" -eq 0 ]; then
  exit 0
fi
exit 1
