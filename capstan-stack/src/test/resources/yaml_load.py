"""Reads a YAML file with PyYAML (YAML 1.1, safe_load, as containers' own code reads config.yml) for the
flattened-config test, and writes its data as JSON on stdout. A key that is not a string, and a value JSON cannot
hold (a date, say), is written as "<type value>", so that it shows up as a difference instead of passing as the
text it came from.
"""
import json
import sys

import yaml


def tagged(value):
    return "<%s %r>" % (type(value).__name__, value)


def plain(value):
    if isinstance(value, dict):
        return {k if isinstance(k, str) else tagged(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


with open(sys.argv[1], encoding="utf-8") as f:
    data = yaml.safe_load(f)
json.dump(plain(data), sys.stdout, default=tagged)
