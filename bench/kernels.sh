#!/usr/bin/env bash
# Kernel launch to ready, as a Jupyter client sees it: jupyter_client's KernelManager starting a Capstan kernelspec
# (start_kernel + wait_for_ready) next to a plain `docker run` of the same image running ipykernel with a connection
# file until it answers kernel_info, ROUNDS of each alternating (median); and a kernel that crashes at start: the
# time until the client sees it died (median of CRASH_ROUNDS). Writes the 'kernels' section of docs/benchmarks.md.
# Needs the kernel image (scripts/test-images.sh) and Debian's python3-jupyter-client.
# With BEFORE_LAUNCHER (another checkout's ./capstan, e.g. one before a change) its launches alternate with this one's
# and its medians are printed (not written to the docs).
# Usage: bench/kernels.sh [ROUNDS] [CRASH_ROUNDS] [BEFORE_LAUNCHER]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-10}"
crash_rounds="${2:-5}"
before="${3:-}"
image=capstan-kernel-python:latest
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT  # bench/kernel_launch.py removes each container it runs itself

docker image inspect "$image" >/dev/null || { echo "no $image: run scripts/test-images.sh" >&2; exit 1; }
./capstan kernelspec install --prefix "$prefix" --kernel-name bench_python --launcher "$PWD/capstan" >/dev/null
./capstan kernelspec install --prefix "$prefix" --kernel-name bench_crash --launcher "$PWD/capstan" \
  --ipykernel-subclass-name nosuch.Kernel >/dev/null

compare=()
if [ -n "$before" ]; then
  "$before" kernelspec install --prefix "$prefix" --kernel-name bench_python_before --launcher "$before" >/dev/null
  "$before" kernelspec install --prefix "$prefix" --kernel-name bench_crash_before --launcher "$before" \
    --ipykernel-subclass-name nosuch.Kernel >/dev/null
  compare=(bench_python_before bench_crash_before)
fi

result="$(KERNEL_USERNAME=kernels-bench JUPYTER_PATH="$prefix/share/jupyter" JUPYTER_RUNTIME_DIR="$prefix/runtime" \
  /usr/bin/python3 bench/kernel_launch.py "$rounds" bench_python "$image" bench_crash "$crash_rounds" "${compare[@]}")"
echo "$result" >&2

jvm="$(python3 -c '
import statistics, subprocess, sys, time
times = []
for _ in range(5):
    start = time.monotonic()
    subprocess.run(["./capstan", "--version"], check=True, stdout=subprocess.DEVNULL)
    times.append(time.monotonic() - start)
print("%.2f" % statistics.median(times))')"
read -r spec docker ratio crash exited < <(python3 -c '
import json, sys
r = json.loads(sys.argv[1])
print("%.2f %.2f %.2f %.2f %.2f" % (r["kernelspec_median"], r["docker_median"],
                                    r["kernelspec_median"] / r["docker_median"], r["crash_median"],
                                    r["crash_exit_median"]))' "$result")
engine="$(docker version --format '{{.Server.Version}}')"
section="<!-- kernels:begin -->
## Kernels: launch to ready (\`capstan kernel launch\`)

Command: \`bench/kernels.sh $rounds $crash_rounds\` — $(date -u +%Y-%m-%d), $(nproc) cores shared with other
builds and tests (a noisy machine: compare the two columns of one run, not runs), Docker $engine, Debian's
jupyter_client $(/usr/bin/python3 -c 'import jupyter_client; print(jupyter_client.__version__)'). Times are what a
client sees, from start to a \`kernel_info\` reply (\`wait_for_ready\`, or its same loop for the plain container,
which has no KernelManager, with the same closing wait for 0.2 s of IOPub quiet: runs before 2026-12-05 left that
out of the plain container's figure only), in one Python process (\`bench/kernel_launch.py\`); the two launches alternate in each
round, after one warm-up of each. The kernelspec's figure includes the launcher's JVM start (\`./capstan\`), its
checks (user, ports, image, network) and its own \`kernel_info\` round trip before the client's.

| launch | median of $rounds |
|---|---:|
| \`KernelManager.start_kernel\` of a Capstan kernelspec + \`wait_for_ready\` | $spec s |
| plain \`docker run -d\` of $image (ipykernel; its connection file written in the container from the environment, as the launcher does) + kernel_info | $docker s |
| ratio (goal ≤ 1.2) | $ratio |
| for scale: \`./capstan --version\` alone, the launcher's own start (median of 5) | $jvm s |

A kernel that crashes at start (\`--ipykernel-subclass-name nosuch.Kernel\`): the client's \`wait_for_ready\` raises
\"Kernel died before replying to kernel_info\" after a median $crash s ($crash_rounds runs; goal under 2 s, the
reference launcher's 30 s launch timeout). The launcher itself has reported the crash and exited after a median
$exited s (the same crash, polling \`KernelManager.is_alive\` every 20 ms): the rest is the client's own loop, which
looks at the kernel process once per second between \`kernel_info\` attempts.
<!-- kernels:end -->"
python3 bench/write_section.py docs/benchmarks.md kernels "$section"
echo "kernelspec $spec s, docker run $docker s (x$ratio); crash seen after $crash s, launcher exit $exited s" >&2
if [ -n "$before" ]; then
  python3 -c '
import json, sys
r = json.loads(sys.argv[1])
print("before (%s): kernelspec %.2f s; crash seen after %.2f s, launcher exit %.2f s" % (sys.argv[2],
      r["before_kernelspec_median"], r["before_crash_median"], r["before_crash_exit_median"]))' "$result" "$before" >&2
fi
