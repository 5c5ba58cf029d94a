"""A Jupyter client session against a kernelspec, as Jupyter Server drives one; prints KEY=value lines.

Usage: python3 session.py KERNEL_NAME PEER_HOSTNAME
"""
import os
import sys
import threading
import time

from jupyter_client.multikernelmanager import MultiKernelManager


def say(line):
    """One write for the whole line: the processes that share this output (a server, the launcher) never split it."""
    os.write(1, (line + "\n").encode())

kernel_name, peer = sys.argv[1], sys.argv[2]
manager = MultiKernelManager()
kernel_id = manager.start_kernel(kernel_name=kernel_name)
say(f"KERNEL_ID={kernel_id}")
km = manager.get_kernel(kernel_id)
kc = km.client()
kc.start_channels()
kc.wait_for_ready(timeout=120)


def run(code):
    out = []

    def hook(msg):
        if msg["msg_type"] == "stream":
            out.append(msg["content"]["text"])
        elif msg["msg_type"] == "error":
            out.append(msg["content"]["ename"])

    reply = kc.execute_interactive(code, output_hook=hook, timeout=120)
    return reply["content"]["status"], "".join(out).strip()


run("x = 41")
say("STATE=%s|%s" % run("import os, socket; print(x + 1, os.environ['KERNEL_ID'], socket.gethostname())"))
say("PEER=%s|%s" % run(f"print(socket.gethostbyname({peer!r}))"))
threading.Timer(2, km.interrupt_kernel).start()
say("INTERRUPTED=%s|%s" % run("import time; time.sleep(60); print('slept')"))
# ipykernel drops ("aborted") requests that reach it while it still clears its queue after the error: a client
# sends the cell again, as a person does
after = run("print(x)")
for _ in range(5):
    if after[0] != "aborted":
        break
    time.sleep(0.5)
    after = run("print(x)")
say("AFTER=%s|%s" % after)
kc.stop_channels()
manager.shutdown_kernel(kernel_id)
say("SHUTDOWN=ok")
