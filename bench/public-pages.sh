#!/usr/bin/env bash
# Measures the public pages against a bare ASP.NET Core app (bench/Baseline) in the same run, and
# checks the budget: every page serves at least 70 % of the baseline's requests per second, with a
# p99 latency at most twice the baseline's, and without a single error.
#
# Builds Release into bench/out/, starts both apps on 127.0.0.1 (the app on a fresh SQLite file),
# warms every URL up, then measures with wrk: the baseline first, the pages, the baseline again
# (the two baseline runs show how much the machine drifted during the run; ratios use their mean).
# Prints a table, writes it as Markdown to bench/out/public-pages.md, and exits 0 when the budget
# holds, 1 when it does not (any other code means the run itself failed).
#
# Settings (environment): BENCH_DURATION (10s), BENCH_WARMUP (2s), BENCH_CONNECTIONS (16),
# BENCH_THREADS (1), BENCH_PAGES (the paths to measure, space-separated; default the four below),
# BENCH_SKIP_BUILD=1 to reuse what is already in bench/out/.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$repo/bench/out"
duration="${BENCH_DURATION:-10s}"
warmup="${BENCH_WARMUP:-2s}"
# A 2-core machine carries both the server and the load generator. One wrk thread takes about one
# core and leaves the other to Kestrel, the same split for the baseline and for the pages, so the
# ratio compares like with like. 16 keep-alive connections keep the server saturated; more would
# not raise throughput, only lengthen the queue and inflate p99 for both sides alike.
threads="${BENCH_THREADS:-1}"
connections="${BENCH_CONNECTIONS:-16}"
min_rps_ratio=0.70
max_p99_ratio=2.0

read -r -a pages <<<"${BENCH_PAGES:-/ /services /services/le-declic /harcelement}"

source "$repo/bench/lib.sh"

# Runs wrk on one URL and sets rps, p99 (ms) and errors (responses >= 400 plus socket errors).
measure() {
  local url="$1" report="$2" socket non_2xx
  wrk -t"$threads" -c"$connections" -d"$duration" --latency "$url" >"$report"
  rps="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$report")"
  p99="$(to_ms "$(awk '$1 == "99%" { print $2 }' "$report")")"
  non_2xx="$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$report")"
  socket="$(sed -n 's/.*connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\).*/\1 \2 \3 \4/p' "$report" \
    | awk '{ print $1 + $2 + $3 + $4 }')"
  errors=$(( ${non_2xx:-0} + ${socket:-0} ))
}

# One plain request before measuring: wrk counts only statuses >= 400 as errors, but a public page
# answering with a redirect is not the page either.
probe() {
  curl -s -o /dev/null -w '%{http_code} %{size_download}' "$1" || true
}


mkdir -p "$out"
ensure wrk wrk

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  log "publishing the app and the baseline (Release)"
  publish "$repo/src/Cash.Web/Cash.Web.csproj" "$out/app"
  publish "$repo/bench/Baseline/Baseline.csproj" "$out/baseline"
fi

work="$(mktemp -d /tmp/cash-bench.XXXXXX)"
app_port="$(free_port)"
baseline_port="$(free_port)"
app="http://127.0.0.1:$app_port"
baseline="http://127.0.0.1:$baseline_port"

log "starting the baseline on $baseline and the app on $app"
(
  cd "$out/baseline"
  export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
  exec dotnet Baseline.dll --urls "$baseline"
) >"$work/baseline.log" 2>&1 &
started+=("$!")
baseline_pid=$!
(
  cd "$out/app"
  export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
  export ConnectionStrings__Cash="Data Source=$work/cash.db"
  exec dotnet Cash.Web.dll --urls "$app"
) >"$work/app.log" 2>&1 &
started+=("$!")
app_pid=$!

wait_ready "$baseline/plaintext" "$baseline_pid" "$work/baseline.log"
wait_ready "$app/health" "$app_pid" "$work/app.log"

log "warming up ($warmup per URL)"
for url in "$baseline/plaintext" "${pages[@]/#/$app}"; do
  wrk -t"$threads" -c"$connections" -d"$warmup" "$url" >/dev/null
done

names=()
statuses=()
sizes=()
all_rps=()
all_p99=()
all_errors=()
run() {
  local name="$1" url="$2" status size
  log "measuring $name ($duration, $threads thread(s), $connections connections)"
  read -r status size <<<"$(probe "$url")"
  measure "$url" "$out/wrk-$(( ${#names[@]} + 1 )).txt"
  names+=("$name")
  statuses+=("$status")
  sizes+=("$size")
  all_rps+=("$rps")
  all_p99+=("$p99")
  all_errors+=("$errors")
}

run "baseline /plaintext (1st)" "$baseline/plaintext"
for page in "${pages[@]}"; do
  run "$page" "$app$page"
done
run "baseline /plaintext (2nd)" "$baseline/plaintext"

last=$(( ${#names[@]} - 1 ))
base_rps="$(awk -v a="${all_rps[0]}" -v b="${all_rps[$last]}" 'BEGIN { printf "%.0f", (a + b) / 2 }')"
base_p99="$(awk -v a="${all_p99[0]}" -v b="${all_p99[$last]}" 'BEGIN { printf "%.2f", (a + b) / 2 }')"
drift="$(awk -v a="${all_rps[0]}" -v b="${all_rps[$last]}" 'BEGIN { d = (a > 0 ? (b - a) * 100 / a : 0); printf "%+d", int(d + (d < 0 ? -0.5 : 0.5)) }')"

over=0
verdicts=()
rps_ratios=()
p99_ratios=()
for i in "${!names[@]}"; do
  rps_ratios+=("$(ratio "${all_rps[$i]}" "$base_rps")")
  p99_ratios+=("$(ratio "${all_p99[$i]}" "$base_p99")")
  if [ "$i" -eq 0 ] || [ "$i" -eq "$last" ]; then
    verdicts+=("baseline")
  elif awk -v r="${rps_ratios[$i]}" -v p="${p99_ratios[$i]}" -v min="$min_rps_ratio" -v max="$max_p99_ratio" \
      'BEGIN { exit !(r >= min && p <= max) }' \
      && [ "${all_errors[$i]}" -eq 0 ] && [ "${statuses[$i]}" = 200 ]; then
    verdicts+=("ok")
  else
    verdicts+=("OVER BUDGET")
    over=$(( over + 1 ))
  fi
done

pages_count=$(( ${#names[@]} - 2 ))
if [ "$over" -eq 0 ]; then
  summary="budget holds: all $pages_count public pages >= $min_rps_ratio of the baseline's req/s, p99 <= ${max_p99_ratio}x, 0 errors"
else
  summary="budget NOT met: $over of $pages_count public pages over budget (needs req/s ratio >= $min_rps_ratio, p99 ratio <= $max_p99_ratio, 0 errors, HTTP 200)"
fi

echo
printf '%-26s %6s %8s %10s %8s %9s %9s %8s  %s\n' page status bytes req/s "p99 ms" "req/s x" "p99 x" errors verdict
for i in "${!names[@]}"; do
  printf '%-26s %6s %8s %10s %8s %9s %9s %8s  %s\n' "${names[$i]}" "${statuses[$i]}" "${sizes[$i]}" "${all_rps[$i]}" \
    "${all_p99[$i]}" "${rps_ratios[$i]}" "${p99_ratios[$i]}" "${all_errors[$i]}" "${verdicts[$i]}"
done
echo
echo "baseline mean: $base_rps req/s, p99 $base_p99 ms; drift between its two runs: $drift %"
echo "$summary"

{
  echo "# Public pages against the baseline"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)," \
    "$(nproc) cores, wrk -t$threads -c$connections -d$duration per URL."
  echo
  echo "| page | status | bytes | req/s | p99 ms | req/s vs baseline | p99 vs baseline | errors | verdict |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
  for i in "${!names[@]}"; do
    echo "| \`${names[$i]}\` | ${statuses[$i]} | ${sizes[$i]} | ${all_rps[$i]} | ${all_p99[$i]} | ${rps_ratios[$i]} | ${p99_ratios[$i]} | ${all_errors[$i]} | ${verdicts[$i]} |"
  done
  echo
  echo "Baseline mean: $base_rps req/s, p99 $base_p99 ms; drift between its two runs: $drift %."
  echo
  echo "**${summary}**"
} >"$out/public-pages.md"

if [ "$over" -eq 0 ]; then
  exit 0
fi
exit 1
