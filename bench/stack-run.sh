#!/usr/bin/env bash
# Stack run benchmark: stacks of 10, 30 and 50 busybox services (one network, a port on every fifth, chains of five
# depends_on). Side by side in one run: Capstan (`capstan CONFIG up -d`, a no-op `up -d`, `down -t 0`), Debian's
# docker-compose on the same generated compose files, and the engine floor (the same containers created and
# started by parallel direct API calls, then force-removed in parallel). Writes medians to docs/benchmarks.md.
# Usage: bench/stack-run.sh [ROUNDS]   (default 3; STACK_SIZES="10 30 50" picks the stack sizes)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
rounds="${1:-3}"

scripts/install-deps.sh
command -v docker-compose >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null; }
./capstan engine start >/dev/null
scripts/test-images.sh
# shellcheck source=../scripts/jdk.sh
. scripts/jdk.sh
java="$(find_jdk)/bin/java"
classpath="capstan-cli/target/capstan.jar:capstan-cli/target/lib/*"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

ms() { local start end; start=$(date +%s%N); "$@" >/dev/null 2>&1; end=$(date +%s%N); echo $(( (end - start) / 1000000 )); }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

rows=""
for n in ${STACK_SIZES:-10 30 50}; do
  project="$work/s$n"
  python3 bench/make_run_stack.py "$n" "$project"
  ./capstan "$project/config.yml" >/dev/null
  ./capstan "$project/config.yml" down -t 0 >/dev/null 2>&1 || true   # what an interrupted run left
  files=(-f "$project/build/services/docker-compose.yml")
  for f in "$project"/build/services/s*/docker-compose.yml; do files+=(-f "$f"); done
  dc=(docker-compose -p benchdc --project-directory "$project/build/services" "${files[@]}")
  declare -A t=()
  for r in $(seq "$rounds"); do
    t[cap_up]+="$(ms ./capstan "$project/config.yml" up -d) "
    t[cap_noop]+="$(ms ./capstan "$project/config.yml" up -d) "
    t[cap_down]+="$(ms ./capstan "$project/config.yml" down -t 0) "
    t[dc_up]+="$(ms "${dc[@]}" up -d) "
    t[dc_noop]+="$(ms "${dc[@]}" up -d) "
    t[dc_down]+="$(ms "${dc[@]}" down -t 0) "
    floor="$("$java" -cp "$classpath" bench/StackBench.java floor "$project/config.yml")" || { echo "engine floor failed" >&2; exit 1; }
    read -r fu fd <<<"$floor"
    t[floor_up]+="$fu "
    t[floor_down]+="$fd "
  done
  noop_inproc="$("$java" -cp "$classpath" bench/StackBench.java noop "$project/config.yml" 2>/dev/null)"
  ./capstan "$project/config.yml" down -t 0 >/dev/null 2>&1
  read -r cycle_up cycle_down < <("$java" -cp "$classpath" bench/StackBench.java cycle "$project/config.yml" 2>/dev/null)
  ./capstan "$project/config.yml" down -t 0 >/dev/null 2>&1
  declare -A m=()
  for k in "${!t[@]}"; do m[$k]="$(echo "${t[$k]}" | tr ' ' '\n' | grep . | median)"; done
  echo "n=$n capstan up=${m[cap_up]} (one JVM $cycle_up) noop=${m[cap_noop]} (one JVM $noop_inproc) down=${m[cap_down]} (one JVM $cycle_down) |" \
       "docker-compose up=${m[dc_up]} noop=${m[dc_noop]} down=${m[dc_down]} | floor up=${m[floor_up]} down=${m[floor_down]}" >&2
  rows+="| $n | up -d | ${m[cap_up]} ms (in one JVM: $cycle_up ms, $(ratio "$cycle_up" "${m[floor_up]}")×) | ${m[dc_up]} ms | ${m[floor_up]} ms | $(ratio "${m[cap_up]}" "${m[floor_up]}")× | $(ratio "${m[dc_up]}" "${m[floor_up]}")× |"$'\n'
  rows+="| $n | no-op up -d | ${m[cap_noop]} ms (in one JVM: $noop_inproc ms) | ${m[dc_noop]} ms | — | | |"$'\n'
  rows+="| $n | down -t 0 | ${m[cap_down]} ms (in one JVM: $cycle_down ms, $(ratio "$cycle_down" "${m[floor_down]}")×) | ${m[dc_down]} ms | ${m[floor_down]} ms | $(ratio "${m[cap_down]}" "${m[floor_down]}")× | $(ratio "${m[dc_down]}" "${m[floor_down]}")× |"$'\n'
  unset t m
done

# Grace periods: sleep as PID 1 ignores SIGTERM, so every stop waits out its grace period; chains are 5 long.
project="$work/s10"
./capstan "$project/config.yml" up -d >/dev/null 2>&1
grace_cap="$(ms ./capstan "$project/config.yml" down -t 1)"
files=(-f "$project/build/services/docker-compose.yml")
for f in "$project"/build/services/s*/docker-compose.yml; do files+=(-f "$f"); done
docker-compose -p benchdc --project-directory "$project/build/services" "${files[@]}" up -d >/dev/null 2>&1
grace_dc="$(ms docker-compose -p benchdc --project-directory "$project/build/services" "${files[@]}" down -t 1)"
echo "grace: capstan down -t 1 = ${grace_cap} ms, docker-compose down -t 1 = ${grace_dc} ms" >&2

section="<!-- stack-run:begin -->
## Running stacks (\`capstan CONFIG up -d\`, \`down\`)

Command: \`bench/stack-run.sh $rounds\` — $(date -u +%Y-%m-%d), $(nproc) cores, Docker $(docker version --format '{{.Server.Version}}'),
$(docker-compose version --short 2>/dev/null | sed 's/^/docker-compose /'). Medians of $rounds rounds; in each round the three are
measured one after the other on the same machine. Stacks from \`bench/make_run_stack.py\`: busybox \`sleep\`
services on one network, a published port on every fifth, the rest in \`depends_on\` chains of five. Capstan
and docker-compose are timed as whole processes (Capstan's includes JVM start and regenerating the build
directory); the engine floor is the same containers created and started by parallel direct API calls with no
ordering, then force-removed in parallel (\`bench/StackBench.java\`). 'In one JVM' is the same verb work
(regenerate, load, \`up -d\` or \`down -t 0\`) timed inside one warmed-up JVM, as the floor is: the difference
to the whole-process figure is JVM start and cold code.

| services | operation | Capstan | docker-compose | engine floor | Capstan / floor | docker-compose / floor |
|---:|---|---:|---:|---:|---:|---:|
${rows}
Grace periods (10 services, chains of five, processes that ignore SIGTERM): \`down -t 1\` takes ${grace_cap} ms with
Capstan (the longest chain: five stops in a row) and ${grace_dc} ms with docker-compose.

Targets (issue 4): \`up -d\` of 50 within 1.15× the floor; no-op \`up\` of 50 under 0.5 s in process;
\`down -t 0\` of 30 and of 50 within 1.2× the forced-removal floor (issue 12; it removes while the build
directory is regenerated); \`down\` with grace periods costs the longest chain.
<!-- stack-run:end -->"

python3 bench/write_section.py docs/benchmarks.md stack-run "$section"
echo "wrote docs/benchmarks.md" >&2
