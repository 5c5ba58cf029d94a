#!/usr/bin/env bash
# Scale benchmarks (issue 17), each part writing its own section of docs/benchmarks.md:
#   converge  one desired image scaled 0 -> REPLICAS -> 0 through the server's API, next to a one-node Swarm service
#             scaled the same way (`docker service scale`); ROUNDS rounds (default 3), medians
#   load      SMALL and then LARGE managed replicas under one server (10 s health interval): GET /containers under
#             wrk, one health cycle, the server's RSS and CPU, `capstan managed ls` as a whole process
#   storm     SMALL managed containers killed and started again in a loop for STORM_SECONDS: every engine event of
#             the window (the engine's own `docker events`, followed live) recorded exactly once; queue depth and
#             the delay from each change to its stored row
#   stack     a STACK-service stack through the CLI: `up -d`, a change of one service, `down -t 0`
# Usage: bench/scale.sh [REPLICAS] [SMALL] [LARGE] [STORM_SECONDS] [STACK]   (default 200 50 300 60 200;
#        SCALE_PARTS="converge load storm stack" picks the parts). Everything it makes carries this run's own image
#        tag, service, stack and port numbers, and is removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
replicas="${1:-200}"
small="${2:-50}"
large="${3:-300}"
storm_seconds="${4:-60}"
stack_size="${5:-200}"
parts="${SCALE_PARTS:-converge load storm stack}"
rounds="${ROUNDS:-3}"
port=18917
work="$(mktemp -d)"

# shellcheck source=bench/control-plane.sh
. bench/control-plane.sh
command -v wrk >/dev/null || apt-get install -y -q wrk >/dev/null
# The engine must already run: this script never starts (or restarts) it, as other work shares it.
./capstan --version >/dev/null
docker info >/dev/null
docker image inspect capstan-busybox:test >/dev/null 2>&1 || scripts/test-images.sh >/dev/null
own_image
run="${image#capstan-bench-}"; run="${run%%:*}"
service="scale-bench-$run"
stack_dir="$work/stack"
label="label=managed-by=$image"

cleanup() {
  touch "$work/stop"; [ -n "${sampler:-}" ] && wait "$sampler" 2>/dev/null || true
  [ -n "${follower:-}" ] && kill "$follower" 2>/dev/null || true
  stop_server
  # The shared engine may be restarting (others test that): give it a minute to answer before cleaning up.
  for _ in $(seq 1 30); do docker info >/dev/null 2>&1 && break; sleep 2; done
  docker service rm "$service" >/dev/null 2>&1 || true
  [ -f "$stack_dir/config.yml" ] && ./capstan "$stack_dir/config.yml" down -t 0 >/dev/null 2>&1 || true
  remove_own_image
  rm -rf "$work"
}
trap cleanup EXIT

now_ms() { date +%s%3N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / (b > 0 ? b : 1) }'; }
seconds() { awk -v a="$1" 'BEGIN { printf "%.1f s", a / 1000 }'; }
running() { docker ps -q --filter "$1" --filter status=running | wc -l; }
existing() { docker ps -aq --filter "$1" | wc -l; }
# wait_for COUNT-FUNCTION FILTER WANTED SECONDS: polls the engine four times a second until the count is WANTED.
wait_for() {
  local deadline=$(( $(date +%s) + $4 ))
  while [ "$("$1" "$2")" -ne "$3" ]; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "timed out waiting for $3 ($1 $2), at $("$1" "$2")" >&2; return 1; }
    sleep 0.25
  done
}
api() {  # METHOD PATH [BODY]
  curl -sf -o /dev/null -X "$1" "http://127.0.0.1:$port$2" -H "Authorization: Bearer $token" ${3:+-d "$3"}
}
# A process that ends at once on SIGTERM, so that a stop (Swarm's scale-down) measures the orchestrator, not a 10 s
# grace period.
command='["sh", "-c", "trap \"exit 0\" TERM; sleep 3600 & wait"]'
desired() {  # REPLICAS
  api PUT "/containers/$(url_encode "$image")/desired" \
    "{\"replicas\": $1, \"min_replicas\": 0, \"max_replicas\": $large_max, \"command\": $command}"
}
large_max=$(( replicas > large ? replicas : large ))
args="$replicas $small $large $storm_seconds $stack_size"
machine="$(date -u +%Y-%m-%d), $(nproc) cores shared with other helpers' builds and tests (figures are noisy: compare
the columns of one run), Docker $(docker version --format '{{.Server.Version}}')"

# ---- converge: 0 -> N -> 0, Capstan's reconciler and Swarm ---------------------------------------------------------
part_converge() {
  [ "$(docker info --format '{{.Swarm.LocalNodeState}}')" = active ] || docker swarm init --advertise-addr 127.0.0.1 >/dev/null
  mkdir -p "$work/converge"
  start_server "$port" "$work/converge"
  docker service create -q --detach --name "$service" --replicas 0 --restart-condition none "$image" \
    sh -c 'trap "exit 0" TERM; sleep 3600 & wait' >/dev/null
  local swarm_label="label=com.docker.swarm.service.name=$service" t cu=() cd=() su=() sd=()
  for r in $(seq 1 "$rounds"); do
    t=$(now_ms); desired "$replicas"; wait_for running "$label" "$replicas" 900; cu+=($(( $(now_ms) - t )))
    t=$(now_ms); desired 0; wait_for running "$label" 0 900; cd+=($(( $(now_ms) - t )))
    wait_for existing "$label" 0 300
    t=$(now_ms); docker service scale -d "$service=$replicas" >/dev/null 2>&1
    wait_for running "$swarm_label" "$replicas" 900; su+=($(( $(now_ms) - t )))
    t=$(now_ms); docker service scale -d "$service=0" >/dev/null 2>&1
    wait_for running "$swarm_label" 0 900; sd+=($(( $(now_ms) - t )))
    echo "round $r: capstan up ${cu[-1]} ms, down ${cd[-1]} ms; swarm up ${su[-1]} ms, down ${sd[-1]} ms" >&2
  done
  docker service rm "$service" >/dev/null
  stop_server
  local mcu mcd msu msd
  mcu="$(printf '%s\n' "${cu[@]}" | median)"; mcd="$(printf '%s\n' "${cd[@]}" | median)"
  msu="$(printf '%s\n' "${su[@]}" | median)"; msd="$(printf '%s\n' "${sd[@]}" | median)"
  python3 bench/write_section.py docs/benchmarks.md scale-converge "<!-- scale-converge:begin -->
## Scaling one image 0 → $replicas → 0 (reconciler against Docker Swarm)

Command: \`ROUNDS=$rounds SCALE_PARTS=converge bench/scale.sh $args\` — $machine.
Capstan: \`capstan server\` in its own process, \`PUT /containers/{image}/desired\` with \`replicas: $replicas\`, then
\`0\` (it force-removes surplus replicas). Swarm: a one-node swarm service of the same image, \`docker service scale\`
(it stops surplus tasks; the busybox process ends at once on SIGTERM, so no grace period is waited out). Both are timed from the request
until the engine lists $replicas running containers of the workload, and then none (polling \`docker ps\` four times
a second, the same way for both). Median of $rounds rounds; each round scales Capstan, then Swarm.

| step | Capstan | Docker Swarm | Capstan / Swarm | goal |
|---|---:|---:|---:|---|
| 0 → $replicas, all running | $(seconds "$mcu") | $(seconds "$msu") | $(ratio "$mcu" "$msu")× | ≤ 1× |
| $replicas → 0, none running | $(seconds "$mcd") | $(seconds "$msd") | $(ratio "$mcd" "$msd")× | ≤ 1× |

Rounds (ms, Capstan up/down, Swarm up/down): $(for i in "${!cu[@]}"; do printf '%s/%s, %s/%s; ' "${cu[$i]}" "${cd[$i]}" "${su[$i]}" "${sd[$i]}"; done)
<!-- scale-converge:end -->"
}

# ---- load: the server with SMALL, then LARGE replicas ---------------------------------------------------------------
run_wrk() {  # URL -> "requests/s p50_ms p99_ms"
  wrk -t2 -c16 -d3s "$1" >/dev/null
  wrk -t2 -c16 -d10s --latency "$1" | python3 -c '
import re, sys
text = sys.stdin.read()
def ms(v, unit): return float(v) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
rps = re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)
p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", text); p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
if errors: sys.exit("wrk saw %s failed responses" % errors.group(1))
print("%.0f %.2f %.2f" % (float(rps), ms(*p50.groups()), ms(*p99.groups())))'
}

load_figures() {  # COUNT -> "rps p50 p99 cycle_ms rss_mb cpu_pct cli_ms bytes"
  local count="$1" hz ticks0 ticks1 t0 t1 cycles="" last="" at ms sampled cli=() bytes listed
  desired "$count"
  wait_for running "$label" "$count" 900
  sleep 22  # two health cycles with everything running
  read -r rps p50 p99 < <(run_wrk "http://127.0.0.1:$port/containers")
  hz="$(getconf CLK_TCK)"
  ticks0="$(awk '{print $14 + $15}' "/proc/$pid/stat")"; t0="$(date +%s.%N)"
  local end=$(( $(date +%s) + 30 ))
  while [ "$(date +%s)" -lt "$end" ]; do
    read -r at ms sampled < <(curl -s "http://127.0.0.1:$port/health/detailed" | python3 -c '
import json, sys
s = json.load(sys.stdin)["health_sampling"]
print(s["last_cycle_at"], s["last_cycle_ms"], s["last_cycle_sampled"])')
    if [ "$at" != "$last" ] && [ "$sampled" = "$count" ]; then cycles+="$ms "; last="$at"; fi
    sleep 1
  done
  ticks1="$(awk '{print $14 + $15}' "/proc/$pid/stat")"; t1="$(date +%s.%N)"
  cpu="$(python3 -c "print('%.1f' % (100.0 * ($ticks1 - $ticks0) / $hz / ($t1 - $t0)))")"
  rss=$(( $(ps -o rss= -p "$pid" | tr -d ' ') / 1024 ))
  for _ in 1 2 3 4 5; do
    t0=$(now_ms)
    listed="$(./capstan managed ls --url "http://127.0.0.1:$port" --image "$image" | grep -c "$image" || true)"
    cli+=($(( $(now_ms) - t0 )))
    [ "$listed" -eq "$count" ] || { echo "capstan managed ls listed $listed of $count" >&2; return 1; }
  done
  bytes="$(curl -s "http://127.0.0.1:$port/containers" | wc -c)"
  echo "$rps $p50 $p99 $(echo "$cycles" | tr ' ' '\n' | grep . | median) $rss $cpu $(printf '%s\n' "${cli[@]}" | median) $bytes"
}

part_load() {
  mkdir -p "$work/load"
  start_server "$port" "$work/load" --health-interval 10
  local s l
  s="$(load_figures "$small")"; echo "$small: $s" >&2
  l="$(load_figures "$large")"; echo "$large: $l" >&2
  desired 0; wait_for existing "$label" 0 600
  stop_server
  read -r s_rps s_p50 s_p99 s_cycle s_rss s_cpu s_cli s_bytes <<<"$s"
  read -r l_rps l_p50 l_p99 l_cycle l_rss l_cpu l_cli l_bytes <<<"$l"
  local x; x="$(ratio "$large" "$small")"
  python3 bench/write_section.py docs/benchmarks.md scale-load "<!-- scale-load:begin -->
## The server with $small and with $large managed containers

Command: \`SCALE_PARTS=load bench/scale.sh $args\` — $machine.
One \`capstan server --health-interval 10\` in its own process (embedded SQLite), one desired image at $small running
replicas (busybox \`sleep\`), then at $large. \`GET /containers\`: \`wrk -t2 -c16 -d10s\` after a 3 s warm-up, on the same
cores. Health cycle: median of the cycles the server reported over 30 s; CPU: the server's user + system time over
those 30 s in percent of one core; RSS after them. \`capstan managed ls --image\`: whole process (JVM start included),
median of 5. The last column is the large figure over the small one, for ${x}× the containers (linear growth would
be ${x}×; throughput falling by ${x}× is linear).

| measure | $small containers | $large containers | ratio |
|---|---:|---:|---:|
| \`GET /containers\`, requests/s | $s_rps | $l_rps | $(ratio "$l_rps" "$s_rps")× |
| \`GET /containers\`, p99 | $s_p99 ms | $l_p99 ms | $(ratio "$l_p99" "$s_p99")× |
| \`GET /containers\`, answer size | $s_bytes bytes | $l_bytes bytes | $(ratio "$l_bytes" "$s_bytes")× |
| one health cycle, median | $s_cycle ms | $l_cycle ms | $(ratio "$l_cycle" "$s_cycle")× |
| server CPU at a 10 s interval | $s_cpu % | $l_cpu % | $(ratio "$l_cpu" "$s_cpu")× |
| server RSS | $s_rss MB | $l_rss MB | $(ratio "$l_rss" "$s_rss")× |
| \`capstan managed ls\` (whole process) | $s_cli ms | $l_cli ms | $(ratio "$l_cli" "$s_cli")× |
<!-- scale-load:end -->"
}

# ---- storm: kill and start SMALL containers in a loop; every engine event recorded once -------------------------
metric() {  # NAME-WITH-LABELS -> value, from one scrape
  curl -s "http://127.0.0.1:$port/metrics" -H "Authorization: Bearer $token" \
    | awk -v n="$1" '$1 == n { print $2; found = 1 } END { if (!found) print 0 }'
}

part_storm() {
  mkdir -p "$work/storm"
  start_server "$port" "$work/storm"
  seq 1 "$small" | xargs -P 4 -I{} curl -sf -o /dev/null -X POST "http://127.0.0.1:$port/start/container" \
    -H "Authorization: Bearer $token" -d "{\"image\": \"$image\", \"command\": [\"sleep\", \"3600\"]}"
  wait_for running "$label" "$small" 300
  local ids since until loops=0
  ids="$(docker ps -q --filter "$label")"
  sleep 2
  ( while [ ! -e "$work/stop" ]; do metric capstan_event_queue_depth; sleep 0.5; done ) >"$work/depth" &
  sampler=$!
  since="$(date +%s.%N)"
  # The engine's log, followed live: it keeps only its last 256 events in memory, so on a busy shared engine
  # `docker events --since --until` after the storm would miss most of it.
  docker events --since "$since" --filter type=container --filter "$label" \
    --format '{{.TimeNano}} {{.Action}} {{.Actor.ID}}' >"$work/engine.events" &
  follower=$!
  local end=$(( $(date +%s) + storm_seconds ))
  while [ "$(date +%s)" -lt "$end" ]; do
    # shellcheck disable=SC2086
    docker kill $ids >/dev/null; docker start $ids >/dev/null
    loops=$((loops + 1))
  done
  until="$(date +%s.%N)"
  for _ in $(seq 1 240); do [ "$(metric capstan_event_queue_depth)" = 0.0 ] && break; sleep 0.5; done
  sleep 3
  touch "$work/stop"; wait "$sampler"; sampler=
  kill "$follower"; wait "$follower" 2>/dev/null || true; follower=
  local after=0
  : >"$work/stored.events"
  while true; do
    curl -s "http://127.0.0.1:$port/events?image=$(url_encode "$image")&after=$after&limit=10000" >"$work/page"
    python3 -c 'import json,sys
for e in json.load(open(sys.argv[1]))["events"]: print(e["id"], e["ts"], e["event"], e["container_id"])' "$work/page" >>"$work/stored.events"
    [ "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["total"])' "$work/page")" -ge 10000 ] || break
    after="$(tail -n 1 "$work/stored.events" | cut -d' ' -f1)"
  done
  local q50 q99 qmax
  q50="$(metric 'capstan_event_write_delay_seconds{quantile="0.5"}')"
  q99="$(metric 'capstan_event_write_delay_seconds{quantile="0.99"}')"
  qmax="$(metric capstan_event_write_delay_seconds_max)"
  stop_server
  read -r engine_n stored_n missing doubled extra < <(python3 - "$work/engine.events" "$work/stored.events" "$since" "$until" <<'PY'
import collections, datetime, sys
words = {"create": "create", "start": "start", "die": "stop", "destroy": "remove", "pause": "pause",
         "unpause": "unpause", "update": "update", "rename": "rename", "oom": "oom"}
def ns(ts):  # ISO-8601 with up to nine fraction digits -> nanoseconds since the epoch (the store keeps microseconds)
    whole, _, frac = ts.rstrip("Z").partition(".")
    secs = datetime.datetime.fromisoformat(whole).replace(tzinfo=datetime.timezone.utc).timestamp()
    return int(secs) * 10**9 + int((frac + "000000000")[:9])
lo, hi = int(float(sys.argv[3]) * 1e6) - 1000, int(float(sys.argv[4]) * 1e6) + 1000
engine = collections.Counter()
for line in open(sys.argv[1]):
    t, action, actor = line.split()
    if action in words and lo <= int(t) // 1000 <= hi:
        engine[(actor, words[action], int(t) // 1000)] += 1
stored = collections.Counter()
for line in open(sys.argv[2]):
    _, ts, word, actor = line.split()
    t = ns(ts) // 1000
    if word in words.values() and lo <= t <= hi:
        stored[(actor, word, t)] += 1
missing = sum(1 for k in engine if k not in stored)
doubled = sum(1 for k, n in stored.items() if n > 1)
extra = sum(1 for k in stored if k not in engine)
print(sum(engine.values()), sum(stored.values()), missing, doubled, extra)
PY
)
  [ -z "${SCALE_DEBUG:-}" ] || { head -n 3 "$work/engine.events" "$work/stored.events" >&2; }
  local depth_max; depth_max="$(sort -g "$work/depth" | tail -n 1 | cut -d. -f1)"
  echo "storm: $loops loops, engine $engine_n events, stored $stored_n, missing $missing, doubled $doubled, extra $extra; depth max $depth_max; delay p50 $q50 p99 $q99 max $qmax s" >&2
  python3 bench/write_section.py docs/benchmarks.md scale-storm "<!-- scale-storm:begin -->
## An event storm ($small containers killed and started for $storm_seconds s)

Command: \`SCALE_PARTS=storm bench/scale.sh $args\` — $machine.
$small managed containers (made through the API, no desired state) under \`capstan server\` in its own process
(embedded SQLite); for $storm_seconds s, \`docker kill\` of all of them, then \`docker start\` of all of them, in a loop
($loops loops). The engine's own log of the window (\`docker events --since\`, followed live from the start of the
storm: the engine keeps only its last 256 events, so asking afterwards with \`--until\` misses most of a storm on a
shared engine), its lifecycle actions up to the end of the storm, is compared with the server's \`GET /events\` of the same image and window, event by event (container, change, the
engine's time to the microsecond, as the store keeps it). Queue depth: \`capstan_event_queue_depth\` scraped twice a second; write delay:
\`capstan_event_write_delay_seconds\`, from the engine's time of a change until its row is stored.

| measure | figure | goal |
|---|---:|---|
| lifecycle events in the engine's log | $engine_n | |
| rows stored for them | $stored_n | the same |
| events of the engine's log with no row | $missing | 0 |
| events stored more than once | $doubled | 0 |
| rows with no such engine event | $extra | 0 |
| queue depth, highest seen | $depth_max | |
| write delay, p50 / p99 / max | $(python3 -c "print('%.0f / %.0f / %.0f ms' % tuple(1000 * float(v) for v in '$q50 $q99 $qmax'.split()))") | |
<!-- scale-storm:end -->"
  [ "$missing" = 0 ] && [ "$doubled" = 0 ] && [ "$extra" = 0 ] || { echo "storm: events lost or repeated" >&2; return 1; }
}

# ---- stack: a big stack through the CLI ------------------------------------------------------------------------------
verb() {  # ARGS: one `capstan CONFIG ARGS` of the stack; its last lines shown when it fails
  ./capstan "$stack_dir/config.yml" "$@" >"$work/verb.log" 2>&1 || { tail -n 5 "$work/verb.log" >&2; return 1; }
}

part_stack() {
  python3 bench/make_run_stack.py "$stack_size" "$stack_dir"
  # This run's own project name and host ports, so that it meets no other stack on a shared engine.
  sed -i "s/^project_name: .*/project_name: scalebench$run/" "$stack_dir/config.yml"
  sed -i 's/"19\([0-9][0-9][0-9]\):80"/"23\1:80"/' "$stack_dir"/services/s*/docker-compose.yml.j2
  local stack_label="label=com.docker.compose.project=scalebench$run" up change down before after recreated
  ./capstan "$stack_dir/config.yml" >/dev/null
  t=$(now_ms); verb up -d; up=$(( $(now_ms) - t ))
  [ "$(running "$stack_label")" -eq "$stack_size" ] || { echo "up -d: $(running "$stack_label") of $stack_size run" >&2; return 1; }
  before="$(docker ps -q --no-trunc --filter "$stack_label" | sort)"
  printf '    environment: [SCALE_BENCH_CHANGED=1]\n' >>"$stack_dir/services/s001/docker-compose.yml.j2"
  t=$(now_ms); verb up -d; change=$(( $(now_ms) - t ))
  after="$(docker ps -q --no-trunc --filter "$stack_label" | sort)"
  recreated="$(comm -13 <(echo "$before") <(echo "$after") | wc -l)"
  [ "$(running "$stack_label")" -eq "$stack_size" ] || { echo "after the change: $(running "$stack_label") run" >&2; return 1; }
  t=$(now_ms); verb down -t 0; down=$(( $(now_ms) - t ))
  [ "$(existing "$stack_label")" -eq 0 ] || { echo "down: $(existing "$stack_label") left" >&2; return 1; }
  echo "stack of $stack_size: up -d $up ms, one-service change $change ms ($recreated recreated), down -t 0 $down ms" >&2
  python3 bench/write_section.py docs/benchmarks.md scale-stack "<!-- scale-stack:begin -->
## A $stack_size-service stack through the CLI

Command: \`SCALE_PARTS=stack bench/scale.sh $args\` — $machine.
The stack of \`bench/make_run_stack.py $stack_size\` (busybox \`sleep\` services on one network, a published port on every
fifth, \`depends_on\` chains of five); each command is one whole \`./capstan\` process (JVM start and regenerating the
build directory included). The change adds an environment variable to one service in the middle of a chain; its
container is replaced, and as \`sleep\` ignores SIGTERM, its stop waits out the 10 s grace period.

| command | time | what the engine shows after it |
|---|---:|---|
| \`capstan CONFIG up -d\` | $(seconds "$up") | $stack_size containers running |
| \`capstan CONFIG up -d\` after a change of one service | $(seconds "$change") | $recreated container(s) new, $stack_size running |
| \`capstan CONFIG down -t 0\` | $(seconds "$down") | none left |
<!-- scale-stack:end -->"
}

for part in $parts; do
  echo "== $part" >&2
  "part_$part"
done
echo "wrote docs/benchmarks.md" >&2
