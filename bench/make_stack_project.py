#!/usr/bin/env python3
"""Writes a stack project with N services for the generation benchmark: usage: make_stack_project.py N DIR.

Half the services are framework services, half belong to two applications; every template loops, filters and
looks values up the way real compose templates do, and every service copies a small file tree.
"""
import os
import sys

n, root = int(sys.argv[1]), sys.argv[2]


def write(path, text):
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        f.write(text)


TEMPLATE = """services:
{% for i in range(service.replicas) %}
  {{ service.name }}-{{ i }}:
    container_name: {{ service.name | replace('_', '-') }}-{{ i }}
    image: capstan-busybox:test
    command: ["sleep", "{{ service.sleep | default(3600) }}"]
    ports:
      - "{{ service.port + i }}:80"
    environment:
      - PROJECT={{ project_name | upper }}
      - TOKEN=${API_TOKEN}
    networks:
      - {{ network_name }}
{% endfor %}
"""

framework, apps = [], {"alpha": [], "beta": []}
for i in range(n):
    name = f"svc_{i:05d}"
    if i % 2 == 0:
        framework.append(name)
        path = f"services/framework/{name}"
    else:
        app = "alpha" if i % 4 == 1 else "beta"
        apps[app].append(name)
        path = f"services/applications/{app}/{name}"
    write(f"{path}/docker-compose.yml.j2", TEMPLATE)
    write(f"{path}/Dockerfile", "FROM capstan-busybox:test\n")
    write(f"{path}/conf/settings.ini", f"[service]\nname={name}\n")


def service_yaml(name, i, path, indent):
    pad = " " * indent
    return [f"{pad}{name}:", f"{pad}  path: ./{path}", f"{pad}  name: {name}", f"{pad}  replicas: 2",
            f"{pad}  port: {20000 + 2 * i}"]


lines = ["project_name: bench", "network_name: bench-net", "applications: [alpha, beta]",
         "api_token: ${API_TOKEN}", "deployed_services:"]
lines += [f"  - framework.{s}" for s in framework]
lines += [f"  - applications.{app}.{s}" for app, names in apps.items() for s in names]
lines += ["framework:", "  services:"]
for s in framework:
    lines += service_yaml(s, int(s[4:]), f"services/framework/{s}", 4)
write("config.yml", "\n".join(lines) + "\n")
for app, names in apps.items():
    body = ["services:"]
    for s in names:
        body += service_yaml(s, int(s[4:]), f"services/applications/{app}/{s}", 2)
    write(f"src/applications/{app}/config.yml", "\n".join(body) + "\n")
write("services/docker-compose.yml.j2", "networks:\n  {{ network_name }}: {}\n")
write(".env", "API_TOKEN=bench-secret\n")
