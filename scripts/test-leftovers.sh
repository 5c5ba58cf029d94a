#!/usr/bin/env bash
# Removes what an interrupted test run left on the test engine: containers, Swarm services, networks and volumes
# that carry Capstan's ownership label (io.capstan.owner=true) or a kernel's labels (app=capstan,component=kernel).
# The test suite takes the engine as its own: the control plane's tests count every Capstan-owned container on it,
# so one left by a killed run fails them. Anything else on the engine is never touched.
set -euo pipefail

remove() { # remove KIND LISTING-COMMAND...: removes every id the listing prints, naming how many
  local kind="$1"
  shift
  local ids
  ids="$("$@" | sort -u)"
  [ -z "$ids" ] && return 0
  echo "test-leftovers: removing $(wc -l <<<"$ids") $kind an earlier run left" >&2
  case "$kind" in
    containers) xargs docker rm -f -v <<<"$ids" >/dev/null ;;
    services) xargs docker service rm <<<"$ids" >/dev/null ;;
    networks) xargs docker network rm <<<"$ids" >/dev/null 2>&1 || true ;;
    volumes) xargs docker volume rm -f <<<"$ids" >/dev/null 2>&1 || true ;;
  esac
}

owned=(--filter label=io.capstan.owner=true)
kernel=(--filter label=app=capstan --filter label=component=kernel)

if [ "$(docker info --format '{{.Swarm.ControlAvailable}}' 2>/dev/null)" = true ]; then
  remove services sh -c "docker service ls -q ${owned[*]}; docker service ls -q ${kernel[*]}"
fi
remove containers sh -c "docker ps -aq ${owned[*]}; docker ps -aq ${kernel[*]}"
remove networks docker network ls -q "${owned[@]}"
remove volumes docker volume ls -q "${owned[@]}"
