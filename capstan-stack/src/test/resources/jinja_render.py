"""Renders templates with the real Jinja2 (default settings, StrictUndefined) for the parity test.

Reads a JSON list of {"name", "source", "context", "strict"} on stdin; writes a JSON list of
{"output"} or {"error", "kind", "line"} on stdout, in the same order. The kind is "syntax" (the template does not
parse), "undefined" (it uses a value that is not there) or "other"; the line is the template's line (1-based) the
error is on.
"""
import json
import sys

import jinja2



def kind(error):
    if isinstance(error, jinja2.TemplateSyntaxError):
        return "syntax"
    return "undefined" if isinstance(error, jinja2.UndefinedError) else "other"


def line(error):
    if isinstance(error, jinja2.TemplateSyntaxError):
        return error.lineno
    # a render error: the innermost frame of the template (Jinja2 maps its frames to template lines)
    found, tb = None, error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            found = tb.tb_lineno
        tb = tb.tb_next
    return found


results = []
for case in json.load(sys.stdin):
    undefined = jinja2.StrictUndefined if case.get("strict", True) else jinja2.Undefined
    env = jinja2.Environment(undefined=undefined)
    try:
        results.append({"output": env.from_string(case["source"]).render(**case["context"])})
    except Exception as e:  # the Java side compares: both must fail, or both render the same text
        results.append({"error": type(e).__name__ + ": " + str(e), "kind": kind(e), "line": line(e)})
json.dump(results, sys.stdout)
