#!/usr/bin/env bash
# Stacks on Swarm benchmark, side by side on the local engine's swarm (made a one-node swarm when it is in none;
# never left): `capstan CONFIG up --target swarm` until every task runs vs `docker stack deploy --detach=false` of
# the same compose content, 10 and 30 services; then a rolling update of one 10-replica service (update parallelism
# 2) through `capstan CONFIG up --target swarm` vs `docker service update --detach=false`. Each figure is the median
# of ROUNDS runs of the whole command (process start included). Writes the 'swarm-stack' section of
# docs/benchmarks.md.  Usage: bench/swarm-stack.sh [ROUNDS]   (default 3; STACK_SIZES="10 30" picks the sizes)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
rounds="${1:-3}"
image=capstan-busybox:test
prefix=swarmstack13-bench
work="$(mktemp -d)"

./capstan engine info >/dev/null
docker image inspect "$image" >/dev/null 2>&1 || scripts/test-images.sh
if [ "$(docker info --format '{{.Swarm.LocalNodeState}}')" != active ]; then
  ./capstan swarm init --advertise-addr 127.0.0.1 >/dev/null
fi

ms() { local start end; start=$(date +%s%N); "$@" >/dev/null 2>&1; end=$(date +%s%N); echo $(( (end - start) / 1000000 )); }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
seconds() { awk -v a="$1" 'BEGIN { printf "%.1f s", a / 1000 }'; }

# Waits until nothing of stack $1 is left on this node: its task containers, then its networks.
wait_gone() {
  for _ in $(seq 1 240); do
    if [ -z "$(docker ps -aq --filter "label=com.docker.stack.namespace=$1")" ] \
       && [ -z "$(docker network ls -q --filter "label=com.docker.stack.namespace=$1")" ]; then return 0; fi
    sleep 0.5
  done
  echo "stack $1 did not go away" >&2; return 1
}
cleanup() {
  for s in $(docker stack ls --format '{{.Name}}' | grep "^$prefix" || true); do docker stack rm "$s" >/dev/null 2>&1 || true; done
  docker service rm "$prefix-update-docker" >/dev/null 2>&1 || true
  for _ in $(seq 1 40); do docker network inspect "$prefix-update-net" >/dev/null 2>&1 || break; docker network rm "$prefix-update-net" >/dev/null 2>&1 && break; sleep 0.5; done
  rm -rf "$work"
}
trap cleanup EXIT

# A process that stops at once on SIGTERM, so that updates measure the swarm's work and not a 10 s stop timeout.
command='["sh", "-c", "trap \"exit 0\" TERM; sleep 1d & wait"]'

compose() {  # SERVICES REPLICAS PARALLELISM VERSION -> compose file on stdout
  echo "services:"
  for i in $(seq 1 "$1"); do
    cat <<YAML
  s$i:
    image: $image
    command: $command
    environment: {VERSION: "$4"}
    networks: [back]
    deploy:
      replicas: $2
      endpoint_mode: dnsrr
      update_config: {parallelism: $3}
YAML
  done
  printf 'networks:\n  back: {}\n'
}

project() {  # DIR NAME COMPOSE-TEXT: a Capstan stack whose generated compose file is that text
  mkdir -p "$1/services/app"
  printf 'project_name: %s\ndeployed_services: [app]\nframework:\n  services:\n    app: {path: ./services/app}\n' "$2" >"$1/config.yml"
  printf 'x-root: {}\n' >"$1/services/docker-compose.yml.j2"
  printf '%s\n' "$3" >"$1/services/app/docker-compose.yml.j2"
}

./capstan --help >/dev/null  # builds the launcher's jar once, outside the timings
rows=""
for n in ${STACK_SIZES:-10 30}; do
  capstan_ms=(); docker_ms=()
  text="$(compose "$n" 1 1 1)"
  for r in $(seq 1 "$rounds"); do
    c="$prefix-c$n"; d="$prefix-d$n"
    project "$work/c$n" "$c" "$text"
    printf '%s\n' "$text" >"$work/d$n.yml"
    capstan_ms+=("$(ms ./capstan "$work/c$n/config.yml" up --target swarm)")
    [ "$(docker stack services "$c" --format '{{.Replicas}}' | grep -c '^1/1')" = "$n" ] || { echo "capstan: not all $n services run" >&2; exit 1; }
    ./capstan "$work/c$n/config.yml" down --target swarm >/dev/null 2>&1; wait_gone "$c"
    docker_ms+=("$(ms docker stack deploy --detach=false --resolve-image never -c "$work/d$n.yml" "$d")")
    [ "$(docker stack services "$d" --format '{{.Replicas}}' | grep -c '^1/1')" = "$n" ] || { echo "docker: not all $n services run" >&2; exit 1; }
    docker stack rm "$d" >/dev/null; wait_gone "$d"
    echo "$n services, round $r: capstan ${capstan_ms[-1]} ms, docker ${docker_ms[-1]} ms" >&2
  done
  cm="$(printf '%s\n' "${capstan_ms[@]}" | median)"; dm="$(printf '%s\n' "${docker_ms[@]}" | median)"
  rows+="| deploy $n services, until every task runs | $(seconds "$cm") | $(seconds "$dm") | $(ratio "$cm" "$dm")× | ≤ 0.5× |
"
done

# Rolling update of one 10-replica service, 2 replicas at a time.
u="$prefix-u"
project "$work/u" "$u" "$(compose 1 10 2 0)"
./capstan "$work/u/config.yml" up --target swarm >/dev/null 2>&1
docker network create -d overlay "$prefix-update-net" >/dev/null  # as the stack's service, on an overlay network
docker service create -q --detach=false --name "$prefix-update-docker" --replicas 10 --update-parallelism 2 \
  --network "$prefix-update-net" --endpoint-mode dnsrr -e VERSION=0 "$image" sh -c 'trap "exit 0" TERM; sleep 1d & wait' >/dev/null
capstan_ms=(); docker_ms=()
for r in $(seq 1 "$rounds"); do
  project "$work/u" "$u" "$(compose 1 10 2 "$r")"
  capstan_ms+=("$(ms ./capstan "$work/u/config.yml" up --target swarm)")
  docker_ms+=("$(ms docker service update --detach=false --env-add "VERSION=$r" "$prefix-update-docker")")
  echo "update, round $r: capstan ${capstan_ms[-1]} ms, docker ${docker_ms[-1]} ms" >&2
done
./capstan "$work/u/config.yml" down --target swarm >/dev/null 2>&1
cm="$(printf '%s\n' "${capstan_ms[@]}" | median)"; dm="$(printf '%s\n' "${docker_ms[@]}" | median)"
rows+="| rolling update of 10 replicas, parallelism 2 | $(seconds "$cm") | $(seconds "$dm") | $(ratio "$cm" "$dm")× | ≤ 1× |
"

section="<!-- swarm-stack:begin -->
## Stacks on Swarm (\`capstan CONFIG up --target swarm\`)

Command: \`bench/swarm-stack.sh $rounds\` — $(date -u +%Y-%m-%d), $(nproc) cores shared with other builds and tests
(the figures are noisy), Docker engine $(docker version --format '{{.Server.Version}}') as a one-node swarm, Docker CLI
$(docker version --format '{{.Client.Version}}'). Each service is one busybox task (\`endpoint_mode: dnsrr\`: this machine's kernel has no IPVS)
on one overlay network; Capstan's stack config generates exactly the compose file Docker deploys. Times are whole
commands, process start included, median of $rounds: Capstan's \`up --target swarm\` returns when every task runs,
waiting for all services at once; \`docker stack deploy --detach=false\` waits one service after another. The update
changes one environment variable of a 10-replica service (\`update_config.parallelism: 2\`), through
\`capstan CONFIG up --target swarm\` and through \`docker service update --detach=false --env-add\`.

| what | Capstan | Docker | Capstan / Docker | goal |
|---|---:|---:|---:|---|
${rows}<!-- swarm-stack:end -->"
python3 bench/write_section.py docs/benchmarks.md swarm-stack "$section"
printf '%s\n' "$section"
