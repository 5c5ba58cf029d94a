"""A Jupyter client session against a kernelspec, as Jupyter Server drives one; prints KEY=value lines.

Usage: python3 session.py KERNEL_NAME PEER_HOSTNAME
"""
import sys
import threading
import time

from jupyter_client.multikernelmanager import MultiKernelManager

kernel_name, peer = sys.argv[1], sys.argv[2]
manager = MultiKernelManager()
kernel_id = manager.start_kernel(kernel_name=kernel_name)
print(f"KERNEL_ID={kernel_id}", flush=True)
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
print("STATE=%s|%s" % run("import os, socket; print(x + 1, os.environ['KERNEL_ID'], socket.gethostname())"), flush=True)
print("PEER=%s|%s" % run(f"print(socket.gethostbyname({peer!r}))"), flush=True)
threading.Timer(2, km.interrupt_kernel).start()
print("INTERRUPTED=%s|%s" % run("import time; time.sleep(60); print('slept')"), flush=True)
print("AFTER=%s|%s" % run("print(x)"), flush=True)
kc.stop_channels()
manager.shutdown_kernel(kernel_id)
print("SHUTDOWN=ok", flush=True)
