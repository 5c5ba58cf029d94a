# Sourced by the control plane's benchmarks (api.sh, recovery.sh, health.sh): an engine with the test images, and
# `capstan server` in its own process on a database of its own.

prepare_engine() {
  ./capstan --version >/dev/null
  ./capstan engine start >/dev/null
  scripts/test-images.sh >/dev/null
}

remove_managed() {
  local ids
  ids="$(docker ps -aq --filter label=managed-by --filter label=io.capstan.owner=true)"
  [ -z "$ids" ] || docker rm -f $ids >/dev/null
}

# start_server PORT DIR [FLAG...]: sets $server (the launcher's pid), $pid (the JVM's) and $token.
start_server() {
  local port="$1" dir="$2"
  shift 2
  ./capstan server --port "$port" --db "$dir/capstan.db" --data-dir "$dir" "$@" >"$dir/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
  token="$(cat "$dir/admin.token")"
  pid="$(pgrep -f -- "--port $port" | head -n 1)"
}

stop_server() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  server=
}

# The usual EXIT trap: the server stopped, the managed containers removed, the work directory $work gone.
cleanup_bench() {
  stop_server
  remove_managed
  rm -rf "$work"
}

url_encode() {
  python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"
}
