#!/usr/bin/env python3
"""Prints the function each GoCreate of a trace names for the goroutine it
creates (the top frame of its new-goroutine stack), in time order, for the
test's own functions fa and fb; a stack the trace does not hold prints as
"?" (main and the goroutines the trace found existing are left out).  Reads the trace with gosan-trace's reader
(found on PATH)."""
import importlib.machinery
import importlib.util
import shutil
import sys

loader = importlib.machinery.SourceFileLoader("gosan_trace", shutil.which("gosan-trace"))
spec = importlib.util.spec_from_loader("gosan_trace", loader)
mod = importlib.util.module_from_spec(spec)
loader.exec_module(mod)
events, strings, stacks, _ = mod.read_events(sys.argv[1])
names = []
for e in sorted((e for e in events if e["name"] == "GoCreate"), key=lambda e: e["ts"]):
    frames = stacks.get(e["args"]["stack"])
    name = strings.get(frames[0][1], "?") if frames else "?"
    if name in ("fa", "fb") or name == "?":
        names.append(name)
print("created: " + " ".join(names))
