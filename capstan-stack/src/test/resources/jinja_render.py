"""Renders templates with the real Jinja2 (default settings, StrictUndefined) for the parity test.

Reads a JSON list of {"name", "source", "context", "strict"} on stdin; writes a JSON list of
{"output"} or {"error"} on stdout, in the same order.
"""
import json
import sys

import jinja2

results = []
for case in json.load(sys.stdin):
    undefined = jinja2.StrictUndefined if case.get("strict", True) else jinja2.Undefined
    env = jinja2.Environment(undefined=undefined)
    try:
        results.append({"output": env.from_string(case["source"]).render(**case["context"])})
    except Exception as e:  # the Java side compares: both must fail, or both render the same text
        results.append({"error": type(e).__name__ + ": " + str(e)})
json.dump(results, sys.stdout)
