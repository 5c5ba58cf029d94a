#!/usr/bin/env python3
"""Writes a stack for the run benchmark: usage: make_run_stack.py N DIR.

N busybox `sleep` services on one network; every fifth publishes a port; the others depend on the service before
them, so the stack has chains of five. Compose files say version 2.4 so that Debian's docker-compose (v1) reads them.
"""
import os
import sys

n, root = int(sys.argv[1]), sys.argv[2]


def write(path, text):
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        f.write(text)


names = [f"s{i:03d}" for i in range(n)]
lines = ["project_name: benchrun", "deployed_services:"] + [f"  - {s}" for s in names] + ["framework:", "  services:"]
for i, s in enumerate(names):
    lines += [f"    {s}:", f"      path: ./services/{s}", f"      index: {i}"]
    extra = ""
    if i % 5 == 0:
        extra += f'    ports: ["{19000 + i}:80"]\n'
    else:
        extra += f"    depends_on: [{names[i - 1]}]\n"
    write(f"services/{s}/docker-compose.yml.j2",
          'version: "2.4"\nservices:\n  {{ service.path.split("/")[-1] }}:\n'
          '    image: capstan-busybox:test\n    command: ["sleep", "3600"]\n    networks: [benchnet]\n' + extra)
write("config.yml", "\n".join(lines) + "\n")
write("services/docker-compose.yml.j2", 'version: "2.4"\nnetworks:\n  benchnet: {}\n')
