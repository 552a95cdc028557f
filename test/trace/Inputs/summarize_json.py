#!/usr/bin/env python3
"""Summarises gosan-trace convert's Chrome Trace Event JSON for
test/trace/convert.c's CHECK lines: the goroutine tracks, which slice
names occur on them, the region slices, log and task events, and whether
the flow arrows pair up."""
import collections
import json
import sys

events = json.load(open(sys.argv[1]))["traceEvents"]
names = {(e["pid"], e["tid"]): e["args"]["name"] for e in events if e["ph"] == "M" and e["name"] == "thread_name"}
for pid_tid, name in sorted(names.items()):
    print("goroutine track: %s" % name)
slices = collections.Counter(e["name"] for e in events if e["ph"] == "X" and e.get("cat") == "goroutine")
for name in sorted(slices):
    print("goroutine slice: %s" % name)
print("processor slices: %s" % ("yes" if any(e.get("cat") == "processor" for e in events) else "no"))
for e in events:
    if e.get("cat") == "region":
        print("region: %s on %s" % (e["name"], names.get((e["pid"], e["tid"]))))
    if e.get("cat") == "log":
        print("log: %s %s" % (e["args"]["category"], e["args"]["message"]))
    if e.get("cat") == "task":
        print("task %s: %s" % (e["ph"], e["name"]))
starts = {e["id"] for e in events if e["ph"] == "s"}
ends = {e["id"] for e in events if e["ph"] == "f"}
print("flow arrows: %d, every one ends: %s" % (len(starts), "yes" if ends <= starts and starts else "no"))
