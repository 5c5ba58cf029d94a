#!/usr/bin/env bash
# Recovery after a kill, Capstan's reconciler against Docker Swarm on the same engine: a replicated workload of
# REPLICAS busybox sleepers, KILLS times `docker kill` the longest-running replica, and measure from its 'die' event
# to the next 'start' event of the workload (the engine's own event times). Swarm runs as a one-node swarm (made for
# the run and left again), once with its default restart delay (5 s) and once with --restart-delay 0s.
# Writes the 'recovery' section of docs/benchmarks.md.  Usage: bench/recovery.sh [KILLS] [REPLICAS]
set -euo pipefail
cd "$(dirname "$0")/.."
kills="${1:-20}"
replicas="${2:-4}"
port=18901
work="$(mktemp -d)"
# Kills one replica every GAP seconds, round robin: each replica has run longer than Capstan's crash window (10 s)
# when it is killed again, so every kill is a plain death, not a crash loop, for both systems.
gap=4

# shellcheck source=bench/control-plane.sh
. bench/control-plane.sh
prepare_engine
own_image
swarm_before="$(docker info --format '{{.Swarm.LocalNodeState}}')"

cleanup() {
  [ -n "${events:-}" ] && kill "$events" 2>/dev/null || true
  stop_server
  docker service rm capstan-bench-recovery >/dev/null 2>&1 || true
  if [ "$swarm_before" = inactive ] && [ "$(docker info --format '{{.Swarm.LocalNodeState}}')" = active ]; then
    docker swarm leave --force >/dev/null 2>&1 || true
  fi
  remove_own_image
  rm -rf "$work"
}
trap cleanup EXIT

running() {  # LABEL -> running container ids, longest-running first
  docker ps -q --filter "label=$1" --filter status=running | xargs -r docker inspect --format '{{.State.StartedAt}} {{.Id}}' \
    | sort | cut -d' ' -f2
}

measure() {  # NAME LABEL -> writes $work/NAME.times (ms per kill)
  local name="$1" label="$2" since
  for _ in $(seq 1 300); do [ "$(running "$label" | wc -l)" -ge "$replicas" ] && break; sleep 0.2; done
  sleep "$gap"
  since="$(date +%s.%N)"
  docker events --since "$since" --filter type=container --filter "label=$label" \
    --format '{{.TimeNano}} {{.Action}} {{.Actor.ID}}' >"$work/$name.events" &
  events=$!
  sleep 0.5
  : >"$work/$name.victims"
  for i in $(seq 1 "$kills"); do
    victim="$(running "$label" | head -n 1)"
    echo "$victim" >>"$work/$name.victims"
    docker kill "$victim" >/dev/null
    for _ in $(seq 1 600); do [ "$(running "$label" | wc -l)" -ge "$replicas" ] && break; sleep 0.05; done
    echo "$name: kill $i/$kills" >&2
    sleep "$gap"
  done
  sleep 1
  kill "$events"; events=
  python3 - "$work/$name.events" "$work/$name.victims" >"$work/$name.times" <<'PY'
import sys
rows = [(int(t), action, actor) for t, action, actor in (line.split() for line in open(sys.argv[1]) if line.strip())]
used = set()
for victim in (line.strip() for line in open(sys.argv[2]) if line.strip()):
    # The victim's first 'die' not yet matched, then the workload's next 'start'.
    die = next(t for t, action, actor in rows if actor == victim and action == "die" and t not in used)
    used.add(die)
    start = next(t for t, action, _ in rows if action == "start" and t > die)
    print("%.1f" % ((start - die) / 1e6))
PY
  [ "$(wc -l <"$work/$name.times")" -eq "$kills" ] || { echo "$name: expected $kills recoveries, saw $(wc -l <"$work/$name.times")" >&2; exit 1; }
}

stats() {  # FILE -> "median p95 max"
  python3 - "$1" <<'PY'
import statistics, sys
xs = sorted(float(x) for x in open(sys.argv[1]) if x.strip())
p95 = xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]
print("%.0f %.0f %.0f" % (statistics.median(xs), p95, xs[-1]))
PY
}

# ---- Capstan -------------------------------------------------------------------------------------------------------
start_server "$port" "$work"
encoded="$(url_encode "$image")"
curl -sf -o /dev/null -X PUT "http://127.0.0.1:$port/containers/$encoded/desired" -H "Authorization: Bearer $token" \
  -d "{\"replicas\": $replicas, \"max_replicas\": $replicas, \"command\": [\"sleep\", \"3600\"]}"
measure capstan "managed-by=$image"
read -r cap_median cap_p95 cap_max < <(stats "$work/capstan.times")
stop_server
remove_managed

# ---- Docker Swarm --------------------------------------------------------------------------------------------------
[ "$(docker info --format '{{.Swarm.LocalNodeState}}')" = active ] || docker swarm init --advertise-addr 127.0.0.1 >/dev/null
swarm_run() {  # NAME RESTART_DELAY
  docker service rm capstan-bench-recovery >/dev/null 2>&1 || true
  sleep 2
  docker service create -q --detach --name capstan-bench-recovery --replicas "$replicas" --restart-delay "$2" \
    "$image" sleep 3600 >/dev/null 2>&1
  measure "$1" "com.docker.swarm.service.name=capstan-bench-recovery"
  docker service rm capstan-bench-recovery >/dev/null
}
swarm_run swarm0 0s
read -r sw0_median sw0_p95 sw0_max < <(stats "$work/swarm0.times")
swarm_run swarm5 5s
read -r sw5_median sw5_p95 sw5_max < <(stats "$work/swarm5.times")

echo "capstan: median $cap_median ms, p95 $cap_p95 ms; swarm (delay 0): $sw0_median / $sw0_p95 ms; swarm (default): $sw5_median / $sw5_p95 ms" >&2
ratio="$(python3 -c "print('%.1f' % ($sw0_median / max($cap_median, 1)))")"
section="<!-- recovery:begin -->
## Recovery after \`docker kill\` (reconciler against Docker Swarm)

Command: \`bench/recovery.sh $kills $replicas\` — $(date -u +%Y-%m-%d), $(nproc) cores, Docker $(docker version --format '{{.Server.Version}}').
$replicas replicas of a busybox sleeper; $kills times, \`docker kill\` of the longest-running replica (one every ${gap} s,
so that no replica is killed again within Capstan's 10 s crash window), measured from the engine's \`die\` event to
the next \`start\` event of the workload. Capstan: \`capstan server\` in its own process with a desired state
(\`PUT /containers/{image}/desired\`); it restarts the dead replica in place. Docker Swarm: a one-node swarm on the
same engine, \`docker service create --replicas $replicas\`; it replaces the task with a new container.

| system | median | p95 | max |
|---|---:|---:|---:|
| Capstan | ${cap_median} ms | ${cap_p95} ms | ${cap_max} ms |
| Docker Swarm, \`--restart-delay 0s\` | ${sw0_median} ms | ${sw0_p95} ms | ${sw0_max} ms |
| Docker Swarm, default restart delay (5 s) | ${sw5_median} ms | ${sw5_p95} ms | ${sw5_max} ms |

Capstan's median is ${ratio}× faster than Swarm's with no restart delay (target: median under 1 s).
<!-- recovery:end -->"
python3 bench/write_section.py docs/benchmarks.md recovery "$section"
echo "wrote docs/benchmarks.md" >&2
