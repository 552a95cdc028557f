#!/usr/bin/env python3
"""Prints whether a trace file holds each event kind named on the command
line, as written (before `go tool trace` turns GoStartLocal into GoStart),
read with gosan-trace's own reader (found on PATH)."""
import collections
import importlib.machinery
import importlib.util
import shutil
import sys

loader = importlib.machinery.SourceFileLoader("gosan_trace", shutil.which("gosan-trace"))
spec = importlib.util.spec_from_loader("gosan_trace", loader)
mod = importlib.util.module_from_spec(spec)
loader.exec_module(mod)
kinds = collections.Counter()
for part in mod.read_events(sys.argv[1]):
    if isinstance(part, list):
        kinds.update(e["name"] for e in part)
for k in sys.argv[2:]:
    print("%s %s" % (k, "yes" if kinds[k] else "no"))
