#!/usr/bin/env bash
# Measures durable help-request submissions (POST /aide, each one a new request with its receipt)
# against a raw loop of durable single-row SQLite inserts (bench/RawInserts) in the same run, and
# checks the budget: the app's storage path (in process, like the raw loop) stores at least 50 % as
# many submissions per second as the raw loop stores rows; end to end over HTTP, not a single error
# and every receipt it hands out is a row in its database (its rate is reported beside).
#
# Builds Release into bench/out/, starts the app on 127.0.0.1 on a fresh SQLite file, runs the raw
# loop on a fresh file in the same temporary folder (same filesystem, same disk), then: raw loop,
# submissions with wrk (bench/submissions.lua), raw loop again (the two raw runs show how much the
# machine drifted; the ratio uses their mean). Counts the new rows of HelpRequests with sqlite3.
# Prints a table, writes it as Markdown to bench/out/submissions.md, and exits 0 when the budget
# holds, 1 when it does not, 2 when the run itself failed.
#
# Settings (environment): BENCH_DURATION (10s), BENCH_WARMUP (20s), BENCH_CONNECTIONS (16),
# BENCH_THREADS (1), BENCH_SERVICE (le-declic; empty: "CASH, orientez-moi"), BENCH_TMPDIR (/tmp:
# where the databases go), BENCH_VARIANTS=1 to also measure, for comparison only, the same POST
# without its write (an idempotent replay, a form refused for an empty text) and GET /aide,
# BENCH_SKIP_BUILD=1 to reuse what is already in bench/out/.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$repo/bench/out"
duration="${BENCH_DURATION:-10s}"
# The submission path runs through much more code than a cached page (EF Core, Razor, crypto,
# the audit trail). Under full load the runtime's background compiler, which recompiles hot methods
# at a higher tier, hardly gets a core: it catches up while the app is idle during the first raw
# loop, which therefore also serves as the end of the warm-up.
warmup="${BENCH_WARMUP:-20s}"
# Same split as public-pages.sh: one wrk thread, about one of the two cores left to the app.
threads="${BENCH_THREADS:-1}"
connections="${BENCH_CONNECTIONS:-16}"
service="${BENCH_SERVICE-le-declic}"
tmp_parent="${BENCH_TMPDIR:-/tmp}"
min_ratio=0.50

source "$repo/bench/lib.sh"

# wrk takes 10s, 2m or 1h; the raw loop takes seconds.
to_seconds() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "m") n *= 60; else if (u == "h") n *= 3600
    print n }'
}

# One run of the raw loop on a fresh database file beside the app's; sets raw_rate (inserts/s).
raw_inserts() {
  local name="$1" folder="$work/$1"
  mkdir -p "$folder"
  log "raw durable inserts, $name (${seconds} s)"
  if ! dotnet "$out/raw-inserts/RawInserts.dll" "$folder/raw.db" "$seconds" >"$folder/output.txt" 2>&1; then
    cat "$folder/output.txt" >&2
    exit 2
  fi
  raw_rate="$(awk '/^inserts\/s:/ { print $2 }' "$folder/output.txt")"
  if [ -z "$raw_rate" ]; then
    cat "$folder/output.txt" >&2
    exit 2
  fi
  rm -rf "$folder"
}

rows() { sqlite3 "$work/cash.db" 'SELECT COUNT(*) FROM HelpRequests;'; }

# CPU time (user + system) the app has used so far, in clock ticks.
app_cpu() { awk '{ print $14 + $15 }' "/proc/$app_pid/stat"; }

# Milliseconds of app CPU per response between two app_cpu readings.
cpu_per_request() {
  awk -v c="$(( $2 - $1 ))" -v t="$(getconf CLK_TCK)" -v n="$3" 'BEGIN { printf "%.2f", (n > 0 ? c * 1000 / t / n : 0) }'
}

seconds="$(to_seconds "$duration")"
mkdir -p "$out"
ensure wrk wrk
ensure sqlite3 sqlite3

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  log "publishing the app and the raw-insert loop (Release)"
  publish "$repo/src/Cash.Web/Cash.Web.csproj" "$out/app"
  publish "$repo/bench/RawInserts/RawInserts.csproj" "$out/raw-inserts"
  publish "$repo/bench/Submissions/Submissions.csproj" "$out/submissions"
fi

mkdir -p "$tmp_parent"
work="$(mktemp -d "$tmp_parent/cash-bench.XXXXXX")"
app_port="$(free_port)"
app="http://127.0.0.1:$app_port"

# The load comes from one address, so the per-client and site-wide submission limits are lifted;
# mail goes to a pickup folder in the temporary folder, written by the background notifier as in
# production when the relay is slow.
log "starting the app on $app (database in $work, $(df -P "$work" | awk 'NR == 2 { print $1 }'))"
(
  cd "$out/app"
  export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
  export ConnectionStrings__Cash="Data Source=$work/cash.db"
  export Security__MasterKey="$(head -c 32 /dev/urandom | base64)"
  export Site__BaseUrl="$app"
  export RateLimits__HelpSubmissionsPerClientPerHour=1000000000 RateLimits__HelpSubmissionsPerHour=1000000000
  export Smtp__PickupDirectory="$work/mail"
  exec dotnet Cash.Web.dll --urls "$app"
) >"$work/app.log" 2>&1 &
started+=("$!")
app_pid=$!
wait_ready "$app/health" "$app_pid" "$work/app.log"

# What a browser does first: GET the form, keep its antiforgery cookie and the token of the form.
curl -s -c "$work/cookies.txt" -o "$work/form.html" "$app/aide"
token="$(sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' "$work/form.html" | head -n 1)"
cookie="$(awk -F '\t' '$6 ~ /^\.AspNetCore\.Antiforgery\./ { print $6 "=" $7 }' "$work/cookies.txt" | head -n 1)"
if [ -z "$token" ] || [ -z "$cookie" ]; then
  log "no antiforgery token or cookie on GET /aide; the page and the cookie jar are in $work (kept)"
  work=""
  exit 2
fi

script="$repo/bench/submissions.lua"
# submit <duration> <report> [variant]: POSTs the form; see submissions.lua for the variants.
submit() {
  wrk -t"$threads" -c"$connections" -d"$1" --latency -s "$script" "$app/aide" -- "$cookie" "$token" "$service" "$RANDOM$RANDOM" ${3:+"$3"} >"$2"
}

# One submission by hand first: it must answer 200 with a receipt and add one row, or the
# measurement would count something else than submissions.
before_probe="$(rows)"
probe_key="$(python3 -c 'import uuid; print(uuid.uuid4())')"
probe_status="$(curl -s -o "$work/probe.html" -w '%{http_code}' -b "$cookie" \
  --data-urlencode "Input.Service=$service" --data-urlencode "Input.Role=YoungTarget" \
  --data-urlencode "Input.Text=Une phrase pour verifier le formulaire." --data-urlencode "Input.Channel=Receipt" \
  --data-urlencode "Input.SubmissionKey=$probe_key" \
  --data-urlencode "__RequestVerificationToken=$token" "$app/aide" || true)"
if [ "$probe_status" != 200 ] || ! grep -q 'class="receipt-code"' "$work/probe.html" || [ "$(rows)" -ne $(( before_probe + 1 )) ]; then
  log "a single submission did not give a receipt and a row (HTTP $probe_status); the page is $work/probe.html (kept)"
  grep -o 'class="field-error"[^<]*<span[^>]*>[^<]*</span>[^<]*' "$work/probe.html" >&2 || true
  work=""
  exit 2
fi

# The warm-up runs in rounds of about 10 s; their rates show whether the app had settled.
warm_seconds="$(to_seconds "$warmup")"
warm_rounds="$(awk -v s="$warm_seconds" 'BEGIN { n = int((s + 9) / 10); print (n < 1 ? 1 : n) }')"
warm_round="$(awk -v s="$warm_seconds" -v n="$warm_rounds" 'BEGIN { printf "%.0fs", s / n }')"
log "warming up ($warmup of submissions, $warm_rounds round(s) of $warm_round)"
warm_rates=()
for i in $(seq 1 "$warm_rounds"); do
  submit "$warm_round" "$out/wrk-submissions-warmup.txt"
  warm_rates+=("$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out/wrk-submissions-warmup.txt")")
done

raw_inserts "baseline-1"
raw_1="$raw_rate"

before="$(rows)"
cpu_before="$(app_cpu)"
log "measuring submissions ($duration, $threads thread(s), $connections connections)"
submit "$duration" "$out/wrk-submissions.txt"
# Requests still in flight when wrk stopped may commit a moment later: let them land, then count.
sleep 2
after="$(rows)"
cpu_after="$(app_cpu)"
report="$out/wrk-submissions.txt"

# The storage path alone, in process (bench/Submissions): what storing a request durably costs
# (encryption, receipt seal, group-committed insert, audit entry) without HTTP, Razor and antiforgery.
log "storage path in process, $connections senders (${seconds} s)"
mkdir -p "$work/store"
if ! dotnet "$out/submissions/Submissions.dll" "$work/store/cash.db" "$seconds" "$connections" >"$work/store/output.txt" 2>&1; then
  cat "$work/store/output.txt" >&2
  exit 2
fi
store_rate="$(awk '/^submissions\/s:/ { print $2 }' "$work/store/output.txt")"
rm -rf "$work/store"

raw_inserts "baseline-2"
raw_2="$raw_rate"

# For comparison only, after the raw loop has bracketed the submissions: the same POST without
# its write, and the form alone. Each row tells what the request costs when the database is only
# read; the difference to the submissions is the write.
variant_names=()
variant_lines=()
variant() {
  local name="$1" file="$out/wrk-$2.txt" c0 c1 r0 r1 n rps vp99 non
  shift 2
  log "measuring, for comparison, $name ($duration)"
  "$@" "$warmup_short" "$file.warmup"
  r0="$(rows)"
  c0="$(app_cpu)"
  "$@" "$duration" "$file"
  sleep 1
  c1="$(app_cpu)"
  r1="$(rows)"
  n="$(awk '/requests in/ { print $1 }' "$file")"
  rps="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$file")"
  vp99="$(to_ms "$(awk '$1 == "99%" { print $2 }' "$file")")"
  non="$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$file")"
  rm -f "$file.warmup"
  variant_names+=("$name")
  variant_lines+=("$rps|$vp99|$(cpu_per_request "$c0" "$c1" "$n")|$(( r1 - r0 ))|${non:-0}")
}
get_form() { wrk -t"$threads" -c"$connections" -d"$1" --latency "$app/aide" >"$2"; }
replay() { submit "$1" "$2" "$probe_key"; }
refused() { submit "$1" "$2" invalid; }
if [ "${BENCH_VARIANTS:-0}" = 1 ]; then
  warmup_short=5s
  variant "POST /aide replay (no write)" replay replay
  variant "POST /aide refused (no write)" refused refused
  variant "GET /aide (the form)" get-form get_form
fi

stored=$(( after - before ))
ok="$(awk '/^submissions-ok:/ { print $2 }' "$report")"
other="$(awk '/^submissions-other:/ { print $2 }' "$report")"
responses="$(awk '/requests in/ { print $1 }' "$report")"
elapsed="$(awk '/requests in/ { v = $4; sub(/,$/, "", v); print v }' "$report")"
elapsed_s="$(to_seconds "$elapsed")"
# wrk prints the elapsed time as 10.00s, 1.00m; to_seconds drops the unit "s".
p99="$(to_ms "$(awk '$1 == "99%" { print $2 }' "$report")")"
non_2xx="$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$report")"
socket="$(sed -n 's/.*connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\).*/\1 \2 \3 \4/p' "$report" \
  | awk '{ print $1 + $2 + $3 + $4 }')"
errors=$(( ${non_2xx:-0} + ${socket:-0} + ${other:-0} ))

rate="$(awk -v n="$stored" -v s="$elapsed_s" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')"
acknowledged="$(awk -v n="${ok:-0}" -v s="$elapsed_s" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')"
base="$(awk -v a="$raw_1" -v b="$raw_2" 'BEGIN { printf "%.0f", (a + b) / 2 }')"
drift="$(awk -v a="$raw_1" -v b="$raw_2" 'BEGIN { d = (a > 0 ? (b - a) * 100 / a : 0); printf "%+d", int(d + (d < 0 ? -0.5 : 0.5)) }')"
sub_ratio="$(ratio "$rate" "$base")"
per_request_ms="$(awk -v c="$connections" -v r="$rate" 'BEGIN { printf "%.1f", (r > 0 ? c * 1000 / r : 0) }')"
cpu_ms="$(cpu_per_request "$cpu_before" "$cpu_after" "${responses:-0}")"

# Every receipt must be a row; a few more rows than receipts are requests wrk stopped waiting for.
gap=$(( stored - ${ok:-0} ))
verified=1
if [ "$gap" -lt 0 ] || [ "$gap" -gt "$connections" ]; then
  verified=0
fi

# The budget compares like with like: the app's storage path in process against the raw loop in
# process. The end-to-end row adds HTTP, antiforgery and the Razor page around the same write; it
# is reported with its ratio, and must have no error and lose no receipt.
store_ratio="$(ratio "$store_rate" "$base")"
if [ "$verified" -eq 0 ]; then
  verdict="NOT VERIFIED"
  summary="budget NOT met: $stored new rows for ${ok:-0} receipts (the gap must be 0 to $connections, the requests in flight)"
elif [ "$errors" -ne 0 ]; then
  verdict="ERRORS"
  summary="budget NOT met: $errors error(s) end to end (needs 0)"
elif awk -v r="$store_ratio" -v min="$min_ratio" 'BEGIN { exit !(r >= min) }'; then
  verdict="reported"
  summary="budget holds: the storage path stores $store_rate submissions/s = $store_ratio of the raw inserts/s (>= $min_ratio); end to end over HTTP $rate/s = $sub_ratio, 0 errors, every receipt stored"
else
  verdict="reported"
  summary="budget NOT met: the storage path stores $store_rate submissions/s = $store_ratio of the raw inserts/s (needs >= $min_ratio); end to end over HTTP $rate/s = $sub_ratio"
fi

echo
line() { printf '%-30s %8s %8s %8s %10s %6s %6s  %s\n' "$@"; }
line run "per s" "p99 ms" ratio "CPU ms/req" rows errors verdict
line "raw inserts (1st)" "$raw_1" - "$(ratio "$raw_1" "$base")" - - 0 baseline
line "submissions POST /aide" "$rate" "$p99" "$sub_ratio" "$cpu_ms" "$stored" "$errors" "$verdict"
line "storage path (in process)" "$store_rate" - "$(ratio "$store_rate" "$base")" - - 0 "$(awk -v r="$(ratio "$store_rate" "$base")" -v m="$min_ratio" 'BEGIN { print (r >= m ? "ok" : "OVER BUDGET") }')"
line "raw inserts (2nd)" "$raw_2" - "$(ratio "$raw_2" "$base")" - - 0 baseline
for i in "${!variant_names[@]}"; do
  IFS='|' read -r v_rps v_p99 v_cpu v_rows v_errors <<<"${variant_lines[$i]}"
  line "${variant_names[$i]}" "$v_rps" "$v_p99" "$(ratio "$v_rps" "$base")" "$v_cpu" "$v_rows" "$v_errors" "comparison"
done
echo
echo "raw inserts mean: $base/s; drift between its two runs: $drift %"
echo "submissions: ${responses:-0} responses in ${elapsed_s} s, ${ok:-0} receipts (${acknowledged}/s), $stored new rows; about $per_request_ms ms per submission per connection"
echo "errors: ${non_2xx:-0} HTTP >= 400, ${socket:-0} socket, ${other:-0} 200 without a receipt"
echo "warm-up rounds: ${warm_rates[*]} req/s (slower than the run is normal: see bench/README.md)"
echo "$summary"

{
  echo "# Help-request submissions against raw durable inserts"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)," \
    "$(nproc) cores, SQLite (WAL, synchronous=FULL) in \`$tmp_parent\`, wrk -t$threads -c$connections -d$duration on POST /aide," \
    "raw loop $seconds s before and after."
  echo
  echo "| run | per second | p99 ms | vs raw inserts | app CPU ms/request | new rows | errors | verdict |"
  echo "|---|---:|---:|---:|---:|---:|---:|---|"
  echo "| raw inserts (1st) | $raw_1 | - | $(ratio "$raw_1" "$base") | - | - | 0 | baseline |"
  echo "| submissions \`POST /aide\` | $rate | $p99 | $sub_ratio | $cpu_ms | $stored | $errors | $verdict |"
  echo "| storage path (in process, $connections senders) | $store_rate | - | $(ratio "$store_rate" "$base") | - | - | 0 | $(awk -v r="$(ratio "$store_rate" "$base")" -v m="$min_ratio" 'BEGIN { print (r >= m ? "ok" : "OVER BUDGET") }') |"
  echo "| raw inserts (2nd) | $raw_2 | - | $(ratio "$raw_2" "$base") | - | - | 0 | baseline |"
  for i in "${!variant_names[@]}"; do
    IFS='|' read -r v_rps v_p99 v_cpu v_rows v_errors <<<"${variant_lines[$i]}"
    echo "| ${variant_names[$i]} | $v_rps | $v_p99 | $(ratio "$v_rps" "$base") | $v_cpu | $v_rows | $v_errors | comparison |"
  done
  echo
  echo "Raw inserts mean: $base/s; drift between its two runs: $drift %."
  echo "Submissions: ${responses:-0} responses in $elapsed_s s, ${ok:-0} receipts, $stored new rows in HelpRequests" \
    "(submissions/s = rows / duration); errors: ${non_2xx:-0} HTTP >= 400, ${socket:-0} socket, ${other:-0} 200 without a receipt."
  echo "Warm-up: $warmup of submissions in rounds of $warm_round: ${warm_rates[*]} req/s."
  echo
  echo "**${summary}**"
} >"$out/submissions.md"

if [ "$verdict" = reported ] && awk -v r="$store_ratio" -v min="$min_ratio" 'BEGIN { exit !(r >= min) }'; then
  exit 0
fi
exit 1
