#!/usr/bin/env bash
# Measures the public pages, each against a yardstick served by bench/Baseline in the same run:
#
# - the forms (/aide, /aide?service=le-declic, /suivi, /pro/connexion), rendered on every request,
#   against the TechEmpower-style Fortunes page (EF Core + SQLite, 12 rows, Razor): budget at least
#   1.0 x its requests/s, p99 at most 2 x its p99;
# - every output-cached public page against /bytes/N, N being that page's size: the same number of
#   bytes written from memory by a bare endpoint: budget at least 0.85 x its requests/s, p99 at most
#   1.5 x its p99.
#
# Every yardstick is measured right before and right after what it is compared with (the forms as
# one block between two Fortunes runs, each cached page between two runs of its /bytes/N); ratios
# use the mean of the two, whose difference shows how much the machine drifted meanwhile.
# Builds Release into bench/out/, starts both apps on 127.0.0.1 in Production (the app on a fresh
# SQLite file in a temporary folder, with a fresh master key), warms every URL up, measures with wrk
# (no Accept-Encoding: the pages' plain HTML), prints a Markdown table (also written to
# bench/out/public-pages.md, the raw wrk reports beside it), and exits 0 when every budget holds,
# 1 when one does not, 2 when the run itself failed.
#
# Settings (environment): BENCH_DURATION (10s), BENCH_WARMUP (5s), BENCH_CONNECTIONS (64),
# BENCH_THREADS (1), BENCH_FORMS and BENCH_CACHED (the paths of each group, space-separated;
# defaults below), BENCH_PIN=1 (servers on one core, wrk on the other), BENCH_SKIP_BUILD=1 to reuse
# what is already in bench/out/.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$repo/bench/out"
duration="${BENCH_DURATION:-10s}"
# Long enough for the runtime to recompile the hot paths at full optimisation (tiered JIT).
warmup="${BENCH_WARMUP:-5s}"
# One wrk thread takes about one of the two cores and leaves the other to Kestrel, the same split
# for the yardsticks and for the pages, so the ratio compares like with like.
threads="${BENCH_THREADS:-1}"
connections="${BENCH_CONNECTIONS:-64}"

orientation="qui=YoungTarget&danger=false"
orientation_what="$orientation&formes=Verbal%2CRelational&enligne=true"
read -r -a forms <<<"${BENCH_FORMS:-/aide /aide?service=le-declic /suivi /pro/connexion}"
read -r -a cached <<<"${BENCH_CACHED:-/ /services /services/le-declic /harcelement /a-propos /vie-privee /accessibilite \
/ressources /ressources/procedure-ecole /ressources/procedure-parents /ressources/affiche /ressources/fiche-journal-de-classe \
/orientation /orientation/danger?qui=YoungTarget /orientation/quoi?$orientation /orientation/ou?$orientation_what \
/orientation/aide?$orientation_what&ecole=dehors /orientation/resultat?$orientation_what&ecole=dehors&souhaits=Listening%2CActionAtSchool}"

source "$repo/bench/lib.sh"

# Runs wrk on one URL and sets rps, p99 (ms) and errors (responses >= 400 plus socket errors).
measure() {
  local url="$1" report="$2" socket non_2xx
  "${load_pin[@]}" wrk -t"$threads" -c"$connections" -d"$duration" --latency "$url" >"$report"
  rps="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$report")"
  p99="$(to_ms "$(awk '$1 == "99%" { print $2 }' "$report")")"
  non_2xx="$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$report")"
  socket="$(sed -n 's/.*connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\).*/\1 \2 \3 \4/p' "$report" \
    | awk '{ print $1 + $2 + $3 + $4 }')"
  errors=$(( ${non_2xx:-0} + ${socket:-0} ))
}

# One plain request (no Accept-Encoding, as wrk sends): its status and body size. wrk counts only
# statuses >= 400 as errors, but a redirect is not the page either.
probe() { curl -s -o /dev/null -w '%{http_code} %{size_download}' "$1" || true; }

# Whether a second request is answered by the output cache (it then carries an Age header).
from_cache() { curl -s -D - -o /dev/null "$1" | grep -qi '^age:' && echo yes || echo no; }

mean() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (a + b) / 2 }'; }
drift() { awk -v a="$1" -v b="$2" 'BEGIN { d = (a > 0 ? (b - a) * 100 / a : 0); printf "%+d", int(d + (d < 0 ? -0.5 : 0.5)) }'; }

mkdir -p "$out"
rm -f "$out"/wrk-*.txt
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

log "starting the baseline on $baseline and the app on $app${server_pin[*]:+ (pinned: ${server_pin[*]})}"
(
  cd "$out/baseline"
  export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
  export Fortunes__Database="$work/fortunes.db"
  exec "${server_pin[@]}" dotnet Baseline.dll --urls "$baseline"
) >"$work/baseline.log" 2>&1 &
started+=("$!")
baseline_pid=$!
(
  cd "$out/app"
  export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
  export ConnectionStrings__Cash="Data Source=$work/cash.db"
  export Security__MasterKey="$(head -c 32 /dev/urandom | base64)"
  export Site__BaseUrl="$app"
  exec "${server_pin[@]}" dotnet Cash.Web.dll --urls "$app"
) >"$work/app.log" 2>&1 &
started+=("$!")
app_pid=$!

wait_ready "$baseline/fortunes" "$baseline_pid" "$work/baseline.log"
wait_ready "$app/health" "$app_pid" "$work/app.log"

# Each cached page's yardstick serves exactly as many bytes as the page does.
declare -A size_of status_of
for page in "${forms[@]}" "${cached[@]}"; do
  read -r status_of["$page"] size_of["$page"] <<<"$(probe "$app$page")"
done

log "warming up ($warmup per URL)"
for url in "$baseline/fortunes" "${forms[@]/#/$app}" "${cached[@]/#/$app}"; do
  "${load_pin[@]}" wrk -t"$threads" -c"$connections" -d"$warmup" "$url" >/dev/null
done
for page in "${cached[@]}"; do
  "${load_pin[@]}" wrk -t"$threads" -c"$connections" -d"$warmup" "$baseline/bytes/${size_of[$page]}" >/dev/null
done

# One row per page: what it was compared with, and both sides' figures.
rows=()
runs=0
run() {
  runs=$(( runs + 1 ))
  log "measuring $1 ($duration, $threads thread(s), $connections connections)"
  measure "$2" "$out/wrk-$runs.txt"
}

# row <group> <page> <yardstick name> <yardstick rps> <yardstick p99> <drift> <min rps ratio> <max p99 ratio> <cached?>
over=0
row() {
  local group="$1" page="$2" yardstick="$3" y_rps="$4" y_p99="$5" y_drift="$6" min="$7" max="$8" cache="$9"
  local r_rps r_p99 met
  r_rps="$(ratio "$page_rps" "$y_rps")"
  r_p99="$(ratio "$page_p99" "$y_p99")"
  if awk -v r="$r_rps" -v p="$r_p99" -v min="$min" -v max="$max" 'BEGIN { exit !(r >= min && p <= max) }' \
      && [ "$page_errors" -eq 0 ] && [ "${status_of[$page]}" = 200 ]; then
    met=yes
  else
    met=no
    over=$(( over + 1 ))
  fi
  rows+=("| $group | \`$page\` | ${status_of[$page]} | ${size_of[$page]} | $cache | $page_rps | $page_p99 | \`$yardstick\` | $y_rps | $y_p99 | $y_drift % | $r_rps | $r_p99 | $page_errors | $met |")
}

# The forms, between two runs of the Fortunes page.
run "baseline /fortunes (before the forms)" "$baseline/fortunes"
f_rps_1="$rps"; f_p99_1="$p99"
declare -A form_rps form_p99 form_errors
for page in "${forms[@]}"; do
  run "$page" "$app$page"
  form_rps["$page"]="$rps"; form_p99["$page"]="$p99"; form_errors["$page"]="$errors"
done
run "baseline /fortunes (after the forms)" "$baseline/fortunes"
f_rps="$(mean "$f_rps_1" "$rps")"
f_p99="$(mean "$f_p99_1" "$p99")"
f_drift="$(drift "$f_rps_1" "$rps")"
for page in "${forms[@]}"; do
  page_rps="${form_rps[$page]}"; page_p99="${form_p99[$page]}"; page_errors="${form_errors[$page]}"
  row form "$page" /fortunes "${f_rps%.*}" "$f_p99" "$f_drift" 1.0 2.0 "-"
done

# Each output-cached page, between two runs of the bytes endpoint of its size.
for page in "${cached[@]}"; do
  bytes="$baseline/bytes/${size_of[$page]}"
  run "baseline /bytes/${size_of[$page]} (before $page)" "$bytes"
  b_rps_1="$rps"; b_p99_1="$p99"
  run "$page" "$app$page"
  page_rps="$rps"; page_p99="$p99"; page_errors="$errors"
  run "baseline /bytes/${size_of[$page]} (after $page)" "$bytes"
  b_rps="$(mean "$b_rps_1" "$rps")"
  row cached "$page" "/bytes/${size_of[$page]}" "${b_rps%.*}" "$(mean "$b_p99_1" "$p99")" "$(drift "$b_rps_1" "$rps")" 0.85 1.5 \
    "$(from_cache "$app$page")"
done

total=${#rows[@]}
if [ "$over" -eq 0 ]; then
  summary="every budget met ($total pages)"
else
  summary="budget NOT met for $over of $total pages"
fi

{
  echo "# Public pages against their yardsticks"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)," \
    "$(nproc) cores, wrk -t$threads -c$connections -d$duration per URL${server_pin[*]:+, servers pinned (${server_pin[*]}), wrk pinned (${load_pin[*]})}."
  echo "Forms: budget req/s >= 1.0 x /fortunes, p99 <= 2 x. Cached pages: req/s >= 0.85 x /bytes/N (N = the page's bytes), p99 <= 1.5 x."
  echo "Yardstick figures are the mean of the runs before and after; drift is the change between them."
  echo
  echo "| group | page | status | bytes | from cache | req/s | p99 ms | yardstick | its req/s | its p99 ms | drift | ratio req/s | ratio p99 | errors | budget met |"
  echo "|---|---|---:|---:|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "**$summary**"
} >"$out/public-pages.md"

echo
cat "$out/public-pages.md"

if [ "$over" -eq 0 ]; then
  exit 0
fi
exit 1
