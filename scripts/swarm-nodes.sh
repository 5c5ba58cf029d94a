#!/usr/bin/env bash
# A multi-node Docker Swarm on this one machine: each node is a container running its own dockerd (the host's
# engine binaries mounted read-only into the busybox test image), on a network of their own, joined into one swarm.
#
#   scripts/swarm-nodes.sh up        start the nodes, join them, load the test image into each; prints the manager
#   scripts/swarm-nodes.sh endpoint  the manager's engine (tcp://ADDRESS:2375), for --engine or DOCKER_HOST
#   scripts/swarm-nodes.sh down      remove the nodes, their volumes and their network
#   scripts/swarm-nodes.sh engines   start the nodes and load the test image, but join no swarm: engines of one's
#                                    own, to kill and restart (prints node 1's engine)
#
# CAPSTAN_SWARM_NODES (default 3) sets how many nodes; node 1 is the manager, the others are workers.
# CAPSTAN_SWARM_NODE_PREFIX (default capstan-swarm-node) names the nodes (PREFIX-1, ...) and their volumes, and
# CAPSTAN_SWARM_NODE_NETWORK (default capstan-swarm-nodes) their network, so that tests that need engines of their
# own never touch another's nodes.
# --privileged is refused where CAP_SYS_RESOURCE is withheld (as on this project's build machines), so each node
# gets every other capability instead, without seccomp or AppArmor confinement, and the host's cgroup hierarchy.
# Everything an engine keeps only while it runs (pid file, exec root) is on a tmpfs, so a killed node starts again.
set -euo pipefail
prefix="${CAPSTAN_SWARM_NODE_PREFIX:-capstan-swarm-node}"
network="${CAPSTAN_SWARM_NODE_NETWORK:-capstan-swarm-nodes}"
count="${CAPSTAN_SWARM_NODES:-3}"
node_image="${CAPSTAN_SWARM_NODE_IMAGE:-capstan-busybox:test}"
load_images=(capstan-busybox:test)

address() {
  docker inspect -f "{{ (index .NetworkSettings.Networks \"$network\").IPAddress }}" "$1"
}

engine() { # engine NODE ARGS...: the docker CLI against that node's own engine
  local node="$1"
  shift
  docker -H "tcp://$(address "$node"):2375" "$@"
}

wait_for_engine() {
  for _ in $(seq 1 120); do
    if engine "$1" version >/dev/null 2>&1; then
      return 0
    fi
    if [ "$(docker inspect -f '{{.State.Running}}' "$1")" != true ]; then
      echo "swarm-nodes: $1 stopped; its last output:" >&2
      docker logs --tail 20 "$1" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "swarm-nodes: the engine in $1 did not answer within 60 s" >&2
  return 1
}

start_node() {
  local node="$1"
  docker run -d --name "$node" --hostname "$node" --network "$network" --label io.capstan.swarm-node=true \
    --cap-add ALL --cap-drop SYS_RESOURCE --security-opt seccomp=unconfined --security-opt apparmor=unconfined \
    --cgroupns host -v /sys/fs/cgroup:/sys/fs/cgroup:rw -v "$node:/var/lib/docker" --tmpfs /run \
    -v /usr:/usr:ro -v /lib:/lib:ro -v /lib64:/lib64:ro -v /etc/alternatives:/etc/alternatives:ro \
    "$node_image" dockerd --storage-driver overlay2 --cgroup-parent "/$node" \
    --exec-root /run/docker --pidfile /run/docker.pid -H unix:///run/docker.sock -H tcp://0.0.0.0:2375 --tls=false \
    >/dev/null
}

down() {
  for i in $(seq 1 "$count"); do
    docker rm -f -v "$prefix-$i" >/dev/null 2>&1 || true
    docker volume rm "$prefix-$i" >/dev/null 2>&1 || true
    # the empty cgroups the node's engine made under the host's hierarchy (--cgroup-parent)
    find /sys/fs/cgroup -maxdepth 2 -type d -name "$prefix-$i" 2>/dev/null | while read -r group; do
      find "$group" -depth -type d -exec rmdir {} \; 2>/dev/null || true
    done
  done
  docker network rm "$network" >/dev/null 2>&1 || true
}

load_images() {
  for i in $(seq 1 "$count"); do
    for image in "${load_images[@]}"; do
      docker save "$image" | engine "$prefix-$i" load -q >/dev/null
    done
  done
}

start_nodes() {
  down
  docker network create "$network" >/dev/null
  for i in $(seq 1 "$count"); do
    start_node "$prefix-$i"
  done
  for i in $(seq 1 "$count"); do
    wait_for_engine "$prefix-$i"
  done
}

engines() {
  start_nodes
  load_images
  echo "tcp://$(address "$prefix-1"):2375"
}

up() {
  start_nodes
  local manager="$prefix-1"
  engine "$manager" swarm init --advertise-addr "$(address "$manager")" >/dev/null
  local token
  token="$(engine "$manager" swarm join-token -q worker)"
  for i in $(seq 2 "$count"); do
    engine "$prefix-$i" swarm join --token "$token" "$(address "$manager"):2377" >/dev/null
  done
  load_images
  for _ in $(seq 1 120); do
    if [ "$(engine "$manager" node ls --format '{{.Status}}' | grep -c '^Ready$')" = "$count" ]; then
      echo "tcp://$(address "$manager"):2375"
      return 0
    fi
    sleep 0.5
  done
  echo "swarm-nodes: not all $count nodes are ready after 60 s:" >&2
  engine "$manager" node ls >&2
  return 1
}

case "${1:-}" in
  up) up ;;
  engines) engines ;;
  down) down ;;
  endpoint) echo "tcp://$(address "$prefix-1"):2375" ;;
  *) echo "usage: $0 up|engines|endpoint|down" >&2; exit 2 ;;
esac
