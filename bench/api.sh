#!/usr/bin/env bash
# Benchmarks the control plane's API: with N managed containers (default 100), GET /containers and
# GET /containers/{image}/instances under wrk, the server in its own process; and the server's resident memory.
# Writes the 'api' section of docs/benchmarks.md.  Usage: bench/api.sh [CONTAINERS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-100}"
seconds="${2:-20}"
port=18900
work="$(mktemp -d)"

# shellcheck source=bench/control-plane.sh
. bench/control-plane.sh
command -v wrk >/dev/null || apt-get install -y -q wrk >/dev/null
prepare_engine
own_image
trap cleanup_bench EXIT
remove_managed
start_server "$port" "$work"

echo "creating $count managed containers..." >&2
seq 1 "$count" | xargs -P 4 -I{} curl -sf -o /dev/null -X POST "http://127.0.0.1:$port/start/container" \
  -H "Authorization: Bearer $token" -d "{\"image\": \"$image\", \"command\": [\"sleep\", \"3600\"], \"ports\": {\"80/tcp\": null}}"
listed="$(curl -s "http://127.0.0.1:$port/containers" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')"
[ "$listed" = "$count" ] || { echo "expected $count managed containers, the API lists $listed" >&2; exit 1; }

run_wrk() {  # URL -> "requests/s p50_ms p99_ms"
  wrk -t2 -c16 -d5s "$1" >/dev/null  # warm-up: JIT and connections
  wrk -t2 -c16 -d"${seconds}s" --latency "$1" | python3 -c '
import re, sys
text = sys.stdin.read()
def ms(v, unit): return float(v) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
rps = re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)
p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", text); p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
if errors: sys.exit("wrk saw %s failed responses" % errors.group(1))
print("%.0f %.2f %.2f" % (float(rps), ms(*p50.groups()), ms(*p99.groups())))'
}

encoded="$(url_encode "$image")"
read -r list_rps list_p50 list_p99 < <(run_wrk "http://127.0.0.1:$port/containers")
read -r inst_rps inst_p50 inst_p99 < <(run_wrk "http://127.0.0.1:$port/containers/$encoded/instances")
rss_kb="$(ps -o rss= -p "$pid" | tr -d ' ')"
rss_mb=$((rss_kb / 1024))
bytes="$(curl -s "http://127.0.0.1:$port/containers" | wc -c)"
echo "GET /containers: $list_rps req/s, p50 $list_p50 ms, p99 $list_p99 ms" >&2
echo "GET /containers/{image}/instances: $inst_rps req/s, p50 $inst_p50 ms, p99 $inst_p99 ms; RSS $rss_mb MB" >&2

wrk_version="$( (wrk --version 2>&1 || true) | head -n 1 | cut -d' ' -f1,2)"
section="<!-- api:begin -->
## Control plane API (\`capstan server\`)

Command: \`bench/api.sh $count $seconds\` — $(date -u +%Y-%m-%d), $(nproc) cores, Docker $(docker version --format '{{.Server.Version}}'),
${wrk_version}. The server runs in its own process (\`./capstan server\`, embedded
SQLite) with $count managed containers, created through the API; the listings are answered from the state the
server keeps current from the engine's events. \`wrk -t2 -c16 -d${seconds}s\` after a 5 s warm-up, on the same
2 cores as the server. The answer of \`GET /containers\` is ${bytes} bytes.

| route | requests/s | p50 | p99 | target |
|---|---:|---:|---:|---|
| \`GET /containers\` | ${list_rps} | ${list_p50} ms | ${list_p99} ms | ≥ 2,000/s, p99 < 20 ms |
| \`GET /containers/{image}/instances\` | ${inst_rps} | ${inst_p50} ms | ${inst_p99} ms | ≥ 2,000/s, p99 < 20 ms |

Resident memory of the server after the runs: ${rss_mb} MB (target: under 300 MB).
<!-- api:end -->"
python3 bench/write_section.py docs/benchmarks.md api "$section"
echo "wrote docs/benchmarks.md" >&2
