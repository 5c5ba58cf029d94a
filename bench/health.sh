#!/usr/bin/env bash
# Health sampling of N running managed containers (default 100) at a 10 s interval: the wall time of one sampling
# cycle (as the server reports it in /health/detailed) and the server's CPU use over CYCLES cycles, next to
# `docker stats --no-stream` for the same containers. Writes the 'health' section of docs/benchmarks.md.
# Usage: bench/health.sh [CONTAINERS] [CYCLES]
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-100}"
cycles="${2:-6}"
interval=10
port=18902
work="$(mktemp -d)"

# shellcheck source=bench/control-plane.sh
. bench/control-plane.sh
prepare_engine
own_image
trap cleanup_bench EXIT
remove_managed
start_server "$port" "$work" --health-interval "$interval"
encoded="$(url_encode "$image")"
curl -sf -o /dev/null -X PUT "http://127.0.0.1:$port/containers/$encoded/desired" -H "Authorization: Bearer $token" \
  -d "{\"replicas\": $count, \"max_replicas\": $count, \"command\": [\"sleep\", \"3600\"]}"
echo "waiting for $count running replicas..." >&2
for _ in $(seq 1 600); do
  [ "$(docker ps -q --filter "label=managed-by=$image" --filter status=running | wc -l)" -ge "$count" ] && break
  sleep 1
done

cycle() {  # -> "at ms sampled"
  curl -s "http://127.0.0.1:$port/health/detailed" | python3 -c '
import json, sys
s = json.load(sys.stdin)["health_sampling"]
print(s["last_cycle_at"], s["last_cycle_ms"], s["last_cycle_sampled"])'
}
# Let two cycles pass with everything running, then measure.
sleep $((2 * interval + 2))
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz="$(getconf CLK_TCK)"
t0="$(date +%s.%N)"; c0="$(ticks)"
: >"$work/cycles"
last=""
end=$(( $(date +%s) + cycles * interval ))
while [ "$(date +%s)" -lt "$end" ]; do
  read -r at ms sampled < <(cycle)
  if [ "$at" != "$last" ] && [ "$sampled" = "$count" ]; then echo "$ms" >>"$work/cycles"; last="$at"; fi
  sleep 1
done
t1="$(date +%s.%N)"; c1="$(ticks)"
cpu="$(python3 -c "print('%.1f' % (100.0 * ($c1 - $c0) / $hz / ($t1 - $t0)))")"
read -r median worst n < <(python3 -c '
import statistics, sys
xs = [int(x) for x in open(sys.argv[1]) if x.strip()]
print(int(statistics.median(xs)), max(xs), len(xs))' "$work/cycles")

ids="$(docker ps -q --filter "label=managed-by=$image" --filter status=running)"
stats_start="$(date +%s.%N)"
docker stats --no-stream $ids >/dev/null
stats_ms="$(python3 -c "print(int(1000 * ($(date +%s.%N) - $stats_start)))")"
echo "cycle of $count: median $median ms, max $worst ms ($n cycles); CPU ${cpu}% of one core; docker stats --no-stream: $stats_ms ms" >&2

section="<!-- health:begin -->
## Health sampling (\`capstan server --health-interval $interval\`)

Command: \`bench/health.sh $count $cycles\` — $(date -u +%Y-%m-%d), $(nproc) cores, Docker $(docker version --format '{{.Server.Version}}').
$count running managed replicas (busybox \`sleep\`); the server samples each one per cycle, all in parallel (one
\`stats?one-shot=true\` call per container, on virtual threads; CPU is computed against the previous cycle's
counters; one \`docker ps --size\` listing gives the writable layers), and writes one \`health_snapshots\` row each to SQLite. Docker collects stats once a second, so one
reading costs up to a second and the classic two-reading \`stats\` (what \`docker stats\` uses) up to two: that
floor, not Capstan, sets the cycle time. Cycle
times are what the server reports in \`GET /health/detailed\`; CPU is the server process's user + system time over
$n cycles, in percent of one core (all of its work: sampling, writing, following events).

| measure | figure | target |
|---|---:|---|
| one cycle of $count containers, median | ${median} ms | under 2 s |
| one cycle, slowest | ${worst} ms | |
| server CPU at a ${interval} s interval | ${cpu} % of one core | under 5 % |
| \`docker stats --no-stream\` of the same $count containers (reference) | ${stats_ms} ms | |
<!-- health:end -->"
python3 bench/write_section.py docs/benchmarks.md health "$section"
echo "wrote docs/benchmarks.md" >&2
