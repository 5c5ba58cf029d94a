#!/usr/bin/python3
"""Launch-to-ready of Jupyter kernels, timed as a client sees it; prints one JSON object.

Usage: kernel_launch.py ROUNDS KERNELSPEC IMAGE CRASH_KERNELSPEC CRASH_ROUNDS [BEFORE_KERNELSPEC BEFORE_CRASH_KERNELSPEC]
  kernelspec: jupyter_client's KernelManager starts KERNELSPEC (Capstan's launcher) and the client waits for ready;
  docker run: a plain `docker run` of IMAGE running ipykernel with a connection file, until it answers kernel_info
              (the file written in the container from the environment, as Capstan's launcher does it);
  crash:      KernelManager starts CRASH_KERNELSPEC (a kernel that exits at start) until the client sees it died.
The first two alternate in each round, so that both see the same machine load. With the BEFORE kernelspecs (another
launcher, e.g. a checkout before a change), each round and each crash runs them too, alternating.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from queue import Empty

from jupyter_client.blocking import BlockingKernelClient
from jupyter_client.connect import write_connection_file
from jupyter_client.manager import KernelManager

rounds, kernelspec, image, crash_spec, crash_rounds = (int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4],
                                                        int(sys.argv[5]))
before_spec, before_crash_spec = (sys.argv[6], sys.argv[7]) if len(sys.argv) > 7 else (None, None)
work = tempfile.mkdtemp(prefix="kernel-bench-")


def through_kernelspec(name=None):
    km = KernelManager(kernel_name=name or kernelspec)
    start = time.monotonic()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    took = time.monotonic() - start
    kc.stop_channels()
    # A shutdown request, as a client's own shutdown: the kernel ends and its launcher removes the container.
    # (now=True would SIGKILL the launcher, which then cannot remove anything.)
    km.shutdown_kernel()
    return took


def plain_docker_run():
    name = f"kernel-bench-{uuid.uuid4().hex[:8]}"
    client_file = os.path.join(work, name + ".json")
    _, info = write_connection_file(client_file, ip="127.0.0.1")
    # The engine may not see this machine's files: the connection file goes in through the environment.
    kernel_connection = json.dumps(dict(info, ip="0.0.0.0"))
    ports = [info[p] for p in ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")]
    argv = ["docker", "run", "-d", "--rm", "--name", name, "-e", "CONNECTION=" + kernel_connection]
    for port in ports:
        argv += ["-p", f"127.0.0.1:{port}:{port}"]
    argv += [image, "sh", "-c", 'printf "%s" "$CONNECTION" > /tmp/c.json && exec python3 -m ipykernel_launcher -f /tmp/c.json']
    start = time.monotonic()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    kc = BlockingKernelClient(connection_file=client_file)
    kc.load_connection_file()
    kc.start_channels(hb=False)
    try:
        await_kernel_info(kc, start + 120)
        return time.monotonic() - start
    finally:
        kc.stop_channels()
        subprocess.run(["docker", "rm", "-f", name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def await_kernel_info(kc, deadline):
    """wait_for_ready's own loop without a KernelManager's liveness checks: kernel_info until a reply (and IOPub
    carries the kernel's status), asking again every second; then, as wait_for_ready does, IOPub read until it has
    been quiet for 0.2 s."""
    while time.monotonic() < deadline:
        kc.kernel_info()
        try:
            msg = kc.get_shell_msg(timeout=1)
        except Empty:
            continue
        if msg["msg_type"] == "kernel_info_reply":
            try:
                kc.get_iopub_msg(timeout=0.2)
            except Empty:
                continue
            while True:
                try:
                    kc.get_iopub_msg(timeout=0.2)
                except Empty:
                    return
    raise SystemExit("the plain docker run's kernel did not answer kernel_info within 120 s")


def crash(name=None):
    km = KernelManager(kernel_name=name or crash_spec)
    start = time.monotonic()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
    except RuntimeError as e:
        took = time.monotonic() - start
        seen = str(e)
    else:
        raise SystemExit("the crashing kernel answered")
    kc.stop_channels()
    km.cleanup_resources()
    return took, seen


def crash_exit(name=None):
    """The same crash, timed until the launcher process has ended (polled every 20 ms)."""
    km = KernelManager(kernel_name=name or crash_spec)
    start = time.monotonic()
    km.start_kernel()
    while km.is_alive():
        time.sleep(0.02)
    took = time.monotonic() - start
    km.cleanup_resources()
    return took


through_kernelspec()  # warm-up: the launcher's first start and the image's first run
plain_docker_run()
if before_spec:
    through_kernelspec(before_spec)
spec_times, docker_times, before_times = [], [], []
for i in range(rounds):
    if before_spec:
        before_times.append(through_kernelspec(before_spec))
    spec_times.append(through_kernelspec())
    docker_times.append(plain_docker_run())
    print(f"round {i + 1}: kernelspec {spec_times[-1]:.2f} s, docker run {docker_times[-1]:.2f} s"
          + (f", before {before_times[-1]:.2f} s" if before_spec else ""), file=sys.stderr)
crashes, exits, before_crashes, before_exits = [], [], [], []
for _ in range(crash_rounds):
    if before_crash_spec:
        before_crashes.append(crash(before_crash_spec)[0])
    crashes.append(crash())
for _ in range(crash_rounds):
    if before_crash_spec:
        before_exits.append(crash_exit(before_crash_spec))
    exits.append(crash_exit())
result = {
    "kernelspec_median": statistics.median(spec_times),
    "docker_median": statistics.median(docker_times),
    "kernelspec_all": spec_times,
    "docker_all": docker_times,
    "crash_median": statistics.median(t for t, _ in crashes),
    "crash_all": [t for t, _ in crashes],
    "crash_error": crashes[0][1],
    "crash_exit_median": statistics.median(exits),
    "crash_exit_all": exits,
}
if before_spec:
    result.update({
        "before_kernelspec_median": statistics.median(before_times),
        "before_kernelspec_all": before_times,
        "before_crash_median": statistics.median(before_crashes),
        "before_crash_all": before_crashes,
        "before_crash_exit_median": statistics.median(before_exits),
        "before_crash_exit_all": before_exits,
    })
print(json.dumps(result))
