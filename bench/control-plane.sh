# Sourced by the control plane's benchmarks (api.sh, recovery.sh, health.sh): an engine with the test images, and
# `capstan server` in its own process on a database of its own.

prepare_engine() {
  ./capstan --version >/dev/null
  ./capstan engine start >/dev/null
  scripts/test-images.sh >/dev/null
}

# own_image: sets $image to a tag of the test image of this run's own. The control plane labels each container with
# the image it was asked for, so remove_managed removes this run's containers and no one else's.
own_image() {
  image="capstan-bench-$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n'):test"
  docker tag capstan-busybox:test "$image"
}

# remove_managed: this run's managed containers (those of $image), nobody else's.
remove_managed() {
  local ids
  ids="$(docker ps -aq --filter "label=managed-by=$image" --filter label=io.capstan.owner=true)"
  [ -z "$ids" ] || echo "$ids" | xargs -n 50 docker rm -f >/dev/null
}

remove_own_image() {
  remove_managed
  docker rmi "$image" >/dev/null 2>&1 || true
}

# start_server PORT DIR [FLAG...]: sets $server (the launcher's pid), $pid (the JVM's) and $token.
start_server() {
  local port="$1" dir="$2"
  shift 2
  ./capstan server --port "$port" --db "$dir/capstan.db" --data-dir "$dir" "$@" >"$dir/server.log" 2>&1 &
  server=$!
  # up to 2 minutes: the first start after a build records the server's AOT cache first
  for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
  curl -sf "http://127.0.0.1:$port/health" >/dev/null || { echo "bench: the server did not answer; see $dir/server.log" >&2; exit 1; }
  token="$(cat "$dir/admin.token")"
  pid="$(pgrep -f -- "--port $port" | head -n 1)"
}

stop_server() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  server=
}

# The usual EXIT trap: the server stopped, this run's managed containers and image tag removed, $work gone.
cleanup_bench() {
  stop_server
  remove_own_image
  rm -rf "$work"
}

url_encode() {
  python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"
}
