"""Jupyter Server on a loopback port with a kernelspec: lists it, starts a kernel through the REST API, executes code
over the kernel's websocket and deletes it; prints KEY=value lines.

Usage: python3 server.py KERNEL_NAME PORT WORK_DIR
"""
import json
import os
import subprocess
import sys
import time
import urllib.request
import uuid

from tornado import ioloop, websocket, httpclient


def say(line):
    """One write for the whole line: the processes that share this output (a server, the launcher) never split it."""
    os.write(1, (line + "\n").encode())

kernel_name, port, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
token = uuid.uuid4().hex
base = f"http://127.0.0.1:{port}"
server = subprocess.Popen([sys.executable, "-m", "jupyter_server", "--no-browser", "--ServerApp.ip=127.0.0.1",
                           f"--ServerApp.port={port}", "--ServerApp.port_retries=0", "--allow-root", f"--ServerApp.token={token}",
                           f"--ServerApp.root_dir={work}"], stdout=sys.stderr, stderr=sys.stderr)


def call(method, path, body=None):
    request = urllib.request.Request(base + path, method=method, headers={"Authorization": f"token {token}"},
                                     data=None if body is None else json.dumps(body).encode())
    with urllib.request.urlopen(request, timeout=120) as response:
        text = response.read().decode()
        return response.status, json.loads(text) if text else None


try:
    for _ in range(300):
        try:
            call("GET", "/api")
            break
        except OSError:
            if server.poll() is not None:
                sys.exit(f"jupyter_server exited with code {server.returncode}")
            time.sleep(0.2)
    status, specs = call("GET", "/api/kernelspecs")
    say(f"KERNELSPEC={specs['kernelspecs'][kernel_name]['spec']['display_name']}")
    status, kernel = call("POST", "/api/kernels", {"name": kernel_name})
    kernel_id = kernel["id"]
    say(f"KERNEL_ID={kernel_id}")

    async def execute(code):
        url = f"ws://127.0.0.1:{port}/api/kernels/{kernel_id}/channels"
        conn = await websocket.websocket_connect(httpclient.HTTPRequest(url, headers={"Authorization": f"token {token}"}))
        session = uuid.uuid4().hex
        msg_id = uuid.uuid4().hex
        conn.write_message(json.dumps({
            "header": {"msg_id": msg_id, "username": "test", "session": session, "msg_type": "execute_request",
                       "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell",
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False}}))
        # The reply (shell) may come before the output (iopub): the output is complete once iopub says idle.
        output, reply, idle = [], None, False
        while reply is None or not idle:
            message = json.loads(await conn.read_message())
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if message["msg_type"] == "stream":
                output.append(message["content"]["text"])
            elif message["msg_type"] == "execute_reply":
                reply = message["content"]["status"]
            elif message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
                idle = True
        conn.close()
        return reply, "".join(output).strip()

    loop = ioloop.IOLoop.current()
    say("EXECUTE=%s|%s" % loop.run_sync(lambda: execute("import os; print(6 * 7, os.environ['KERNEL_ID'])"),
                                        timeout=120))
    status, _ = call("DELETE", f"/api/kernels/{kernel_id}")
    say(f"DELETE={status}")
finally:
    server.terminate()
    server.wait(timeout=60)
