#!/usr/bin/env bash
# Benchmarks the dashboard with N managed containers (default 500; busybox 'sleep', 16 MiB each): the page's ready
# time in Chromium (Selenium, median of 5), the event stream's fan-out to 50 clients while 20 containers a second
# change state (p99 delivery; a first, cold phase of kills reported on its own, then the measured one), and the
# /metrics scrape time. The server runs in its own process; the containers are
# of an image tag of the benchmark's own and are removed afterwards. Writes the 'dashboard' section of
# docs/benchmarks.md.  Usage: bench/dashboard.sh [CONTAINERS]
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-500}"
# the first kills (the server's first messages of the kind) are a phase of their own; then up to 300 others
cold=$(( count >= 400 ? 100 : count / 2 ))
changes=$(( count - cold < 300 ? count - cold : 300 ))
port=18916
work="$(mktemp -d)"
start_load="$(cut -d' ' -f1-3 /proc/loadavg)"
image="capstan-dashbench-$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n'):test"

# shellcheck source=scripts/jdk.sh
. scripts/jdk.sh
# shellcheck source=bench/control-plane.sh
. bench/control-plane.sh
prepare_engine
docker tag capstan-busybox:test "$image"

cleanup() {
  stop_server
  # only this benchmark's containers: they carry its own image tag
  ids="$(docker ps -aq --filter "label=managed-by=$image")"
  [ -z "$ids" ] || echo "$ids" | xargs -n 50 docker rm -f >/dev/null 2>&1 || true
  docker rmi "$image" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
start_server "$port" "$work"

export JAVA_HOME="${JAVA_HOME:-$(find_jdk)}"
mvn -B -ntp -q -pl capstan-server -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=DashboardBench -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dbench.url="http://127.0.0.1:$port" -Dbench.token="$token" -Dbench.image="$image" \
  -Dbench.containers="$count" -Dbench.changes="$changes" -Dbench.cold="$cold" -Dbench.out="$work/figures" >&2
cat "$work/figures" >&2
fig() { grep "^$1=" "$work/figures" | cut -d= -f2-; }

section="<!-- dashboard:begin -->
## Dashboard (\`capstan server\`'s web page and event stream)

Command: \`bench/dashboard.sh $count\` — $(date -u +%Y-%m-%d), $(nproc) cores (load average at the start
$start_load, at the end $(cut -d' ' -f1-3 /proc/loadavg): anything else running makes the figures an upper bound), Docker
$(docker version --format '{{.Server.Version}}'), $(chromium --version 2>/dev/null | head -n 1). The server runs in
its own process (\`./capstan server\`, embedded SQLite) with $(fig containers) managed containers (busybox \`sleep\`,
16 MiB each, made through the API in $(fig create_seconds) s); the stream clients, the scrapes and Selenium run
in one JVM beside it, Chromium in its own processes.

| what | figure | goal |
|---|---:|---|
| page ready in headless Chromium: navigation until all $(fig containers) rows are in the page, the stream is live and the next frame is drawn (rows out of view are drawn when scrolled to) (median of 5 loads after one warm-up; each: $(fig page_ready_ms_runs | tr -d '[]')) | $(fig page_ready_ms_median) ms | < 1 s |
| event stream, cold: $(fig clients) clients, the first $(fig cold_changes) containers killed at 20 a second (the server's first messages of the kind); delivery from the engine's time of each change (its event's timestamp) to each client's message, p50 / p99; lost (of $(fig cold_deliveries_expected)) | $(fig cold_engine_delivery_ms_p50) / $(fig cold_engine_delivery_ms_p99) ms; $(fig cold_deliveries_missing) lost | |
| event stream, measured: $(fig clients) clients, $(fig changes) other containers killed at 20 a second, 1 s after the cold phase; delivery from the engine's time of each change to each client's message, p50 / p99 | $(fig engine_delivery_ms_p50) / $(fig engine_delivery_ms_p99) ms | p99 < 250 ms |
| (the engine's own part, before that: from the kill request to the time of the change, p50 / p99; cold phase $(fig cold_engine_kill_ms_p50) / $(fig cold_engine_kill_ms_p99) ms) | $(fig engine_kill_ms_p50) / $(fig engine_kill_ms_p99) ms | |
| (both together: from the kill request to each client's message, p50 / p99 / max; cold phase $(fig cold_delivery_ms_p50) / $(fig cold_delivery_ms_p99) / $(fig cold_delivery_ms_max) ms) | $(fig delivery_ms_p50) / $(fig delivery_ms_p99) / $(fig delivery_ms_max) ms | |
| messages lost (of $(fig deliveries_expected)) | $(fig deliveries_missing) | 0 |
| \`GET /metrics\` ($(fig metrics_bytes) bytes), 200 scrapes after 20 warm-ups, p50 / p99 | $(fig metrics_ms_p50) / $(fig metrics_ms_p99) ms | < 100 ms |

The delivery goal is about Capstan's part, from the engine's change to the clients. Before it comes the engine's own
time to carry out a kill, which on two cores busy replacing 20 containers a second is often longer; it is shown
apart, and then both together.

While the containers changed, the open page turned $(fig page_rows_stopped) rows red one by one and fetched
\`GET /containers\` $(fig page_list_fetches) time(s) in all (at sign-in): it applies each message to its row and
never reloads the list.
<!-- dashboard:end -->"
python3 bench/write_section.py docs/benchmarks.md dashboard "$section"
echo "wrote docs/benchmarks.md" >&2
