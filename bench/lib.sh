# Shared by the benchmark scripts (sourced, not run): logging, Debian packages, Release builds that
# wait out other people's builds, free ports, servers stopped on exit, readiness, wrk's units.
# The caller sets $out (where builds and reports go) before publishing.

log() { printf '==> %s\n' "$*" >&2; }

# Installs a Debian package when its command is missing (only as root).
ensure() {
  local command="$1" package="$2"
  command -v "$command" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" -ne 0 ]; then
    log "$command is missing: install the Debian package as root (apt-get install $package), then run this again"
    exit 2
  fi
  log "installing $package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "$package" >/dev/null
}

# Other people build in the same tree: a locked file is their build, not ours, so wait and retry.
publish() {
  local project="$1" destination="$2" attempt
  for attempt in 1 2 3; do
    if dotnet publish "$project" -c Release -o "$destination" -nologo -v quiet >"$out/publish.log" 2>&1; then
      return 0
    fi
    if [ "$attempt" -lt 3 ] && grep -qE 'MSB3026|MSB3027|being used by another process' "$out/publish.log"; then
      log "a file is locked by another build; retrying in 20 s"
      sleep 20
      continue
    fi
    cat "$out/publish.log" >&2
    exit 2
  done
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

started=()
work=""
stop_servers() {
  local pid
  for pid in "${started[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  [ -n "$work" ] && rm -rf "$work"
  return 0
}
trap stop_servers EXIT

# Waits until a URL answers 200, and gives up if the process behind it dies or takes over a minute.
wait_ready() {
  local url="$1" pid="$2" logfile="$3" i
  for i in $(seq 1 120); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)" = 200 ]; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      log "the server behind $url stopped; its output:"
      cat "$logfile" >&2
      exit 2
    fi
    sleep 0.5
  done
  log "$url did not answer 200 within a minute; server output:"
  cat "$logfile" >&2
  exit 2
}

# wrk prints latencies as 850.00us, 4.56ms, 1.02s or 1.00m: everything becomes milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000; else if (u == "h") n *= 3600000
    printf "%.2f", n }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

# BENCH_PIN=1 puts the servers on the last core and wrk on the others (taskset), so the load
# generator and the server never take turns on one core; unset, the kernel places them.
server_pin=()
load_pin=()
if [ "${BENCH_PIN:-0}" = 1 ] && [ "$(nproc)" -gt 1 ]; then
  server_pin=(taskset -c "$(( $(nproc) - 1 ))")
  load_pin=(taskset -c "0-$(( $(nproc) - 2 ))")
fi
