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
# Runs alternate with their yardstick's, in rounds (BENCH_ROUNDS, 3): each run of a page is compared
# with the mean of the yardstick runs right before and right after it (the forms as one block between
# two Fortunes runs, each cached page between two runs of its /bytes/N), and the verdict uses the
# median of the rounds' ratios, so one noisy run on a shared machine neither passes nor fails a page.
# Builds Release into bench/out/, starts both apps on 127.0.0.1 in Production (the app on a fresh
# SQLite file in a temporary folder, with a fresh master key), warms every URL up, measures with wrk
# (no Accept-Encoding: the pages' plain HTML), prints a Markdown table (also written to
# bench/out/public-pages.md, the raw wrk reports beside it), and exits 0 when every budget holds,
# 1 when one does not, 2 when the run itself failed.
#
# Settings (environment): BENCH_DURATION (5s per run), BENCH_ROUNDS (3), BENCH_WARMUP (5s), BENCH_CONNECTIONS (64),
# BENCH_THREADS (1), BENCH_FORMS and BENCH_CACHED (the paths of each group, space-separated;
# defaults below), BENCH_PIN=1 (servers on one core, wrk on the other), BENCH_SKIP_BUILD=1 to reuse
# what is already in bench/out/.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$repo/bench/out"
duration="${BENCH_DURATION:-5s}"
# Rounds per page: its runs alternate with its yardstick's, and the median ratio decides.
rounds="${BENCH_ROUNDS:-3}"
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

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%.2f", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
# The spread of a yardstick over the run: (highest - lowest) / lowest, in %.
spread() { printf '%s\n' "$@" | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%d", (lo > 0 ? (hi - lo) * 100 / lo + 0.5 : 0) }'; }

# row <group> <page> <yardstick name> <min rps ratio> <max p99 ratio> <cached?>, from the arrays the rounds filled:
# the page's own runs (p_rps, p_p99), its yardstick's (y_rps, y_p99) and the per-round ratios (r_rps, r_p99).
over=0
row() {
  local group="$1" page="$2" yardstick="$3" min="$4" max="$5" cache="$6"
  local m_rps m_p99 met
  m_rps="$(median "${r_rps[@]}")"
  m_p99="$(median "${r_p99[@]}")"
  if awk -v r="$m_rps" -v p="$m_p99" -v min="$min" -v max="$max" 'BEGIN { exit !(r >= min && p <= max) }' \
      && [ "$page_errors" -eq 0 ] && [ "${status_of[$page]}" = 200 ]; then
    met=yes
  else
    met=no
    over=$(( over + 1 ))
  fi
  rows+=("| $group | \`$page\` | ${status_of[$page]} | ${size_of[$page]} | $cache | $(median "${p_rps[@]}") | $(median "${p_p99[@]}") | \`$yardstick\` | $(median "${y_rps[@]}") | $(median "${y_p99[@]}") | $(spread "${y_rps[@]}") % | ${r_rps[*]} | $m_rps | $m_p99 | $page_errors | $met |")
}

# Rounds: the yardstick, then in each round what is compared with it and the yardstick again. Each
# run of a page is compared with the mean of the yardstick runs right before and right after it, and
# the verdict uses the median of the rounds' ratios, so one noisy run neither passes nor fails a page.
# The forms share one yardstick (/fortunes, around the four of them); each cached page has its own
# (/bytes/N, around that page alone).
declare -A f_rps f_p99 f_ratio_rps f_ratio_p99 f_errors
run "baseline /fortunes" "$baseline/fortunes"
fy_rps=("$rps"); fy_p99=("$p99")
for round in $(seq 1 "$rounds"); do
  declare -A this_rps=() this_p99=()
  for page in "${forms[@]}"; do
    run "$page (round $round)" "$app$page"
    this_rps["$page"]="$rps"; this_p99["$page"]="$p99"
    f_rps["$page"]+="$rps "; f_p99["$page"]+="$p99 "; f_errors["$page"]=$(( ${f_errors[$page]:-0} + errors ))
  done
  before_rps="${fy_rps[-1]}"; before_p99="${fy_p99[-1]}"
  run "baseline /fortunes (after round $round)" "$baseline/fortunes"
  fy_rps+=("$rps"); fy_p99+=("$p99")
  for page in "${forms[@]}"; do
    f_ratio_rps["$page"]+="$(ratio "${this_rps[$page]}" "$(mean "$before_rps" "$rps")") "
    f_ratio_p99["$page"]+="$(ratio "${this_p99[$page]}" "$(mean "$before_p99" "$p99")") "
  done
done
for page in "${forms[@]}"; do
  read -r -a p_rps <<<"${f_rps[$page]}"; read -r -a p_p99 <<<"${f_p99[$page]}"
  read -r -a r_rps <<<"${f_ratio_rps[$page]}"; read -r -a r_p99 <<<"${f_ratio_p99[$page]}"
  y_rps=("${fy_rps[@]}"); y_p99=("${fy_p99[@]}"); page_errors="${f_errors[$page]}"
  row form "$page" /fortunes 1.0 2.0 "-"
done

for page in "${cached[@]}"; do
  bytes="$baseline/bytes/${size_of[$page]}"
  run "baseline /bytes/${size_of[$page]} (before $page)" "$bytes"
  y_rps=("$rps"); y_p99=("$p99"); p_rps=(); p_p99=(); r_rps=(); r_p99=(); page_errors=0
  for round in $(seq 1 "$rounds"); do
    run "$page (round $round)" "$app$page"
    page_rps="$rps"; page_p99="$p99"; page_errors=$(( page_errors + errors ))
    run "baseline /bytes/${size_of[$page]} (after $page, round $round)" "$bytes"
    r_rps+=("$(ratio "$page_rps" "$(mean "${y_rps[-1]}" "$rps")")")
    r_p99+=("$(ratio "$page_p99" "$(mean "${y_p99[-1]}" "$p99")")")
    p_rps+=("$page_rps"); p_p99+=("$page_p99"); y_rps+=("$rps"); y_p99+=("$p99")
  done
  row cached "$page" "/bytes/${size_of[$page]}" 0.85 1.5 "$(from_cache "$app$page")"
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
    "$(nproc) cores, wrk -t$threads -c$connections -d$duration per run, $rounds rounds per page${server_pin[*]:+, servers pinned (${server_pin[*]}), wrk pinned (${load_pin[*]})}."
  echo "Forms: budget req/s >= 1.0 x /fortunes, p99 <= 2 x. Cached pages: req/s >= 0.85 x /bytes/N (N = the page's bytes), p99 <= 1.5 x."
  echo "Each round compares one run of the page with the mean of its yardstick's runs right before and after it;"
  echo "the budget is judged on the median of the rounds' ratios. Figures are medians; spread is the yardstick's"
  echo "(highest - lowest) / lowest over the page's runs: how much the machine moved meanwhile."
  echo
  echo "| group | page | status | bytes | from cache | req/s | p99 ms | yardstick | its req/s | its p99 ms | spread | rounds' req/s ratios | ratio req/s | ratio p99 | errors | budget met |"
  echo "|---|---|---:|---:|---|---:|---:|---|---:|---:|---:|---|---:|---:|---:|---|"
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
