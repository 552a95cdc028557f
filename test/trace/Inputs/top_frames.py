#!/usr/bin/env python3
"""Prints, for a trace file, each event kind that carries a stack with the
function of its stack's top frame ("KIND FUNCTION", sorted, once each),
then how many such events have a top frame outside the functions named on
the command line (the test program's own): a stack whose top is a library
frame, or a user frame skipped, shows up there.  Reads the trace with
gosan-trace's own reader (found on PATH)."""
import importlib.machinery
import importlib.util
import shutil
import sys

loader = importlib.machinery.SourceFileLoader("gosan_trace", shutil.which("gosan-trace"))
spec = importlib.util.spec_from_loader("gosan_trace", loader)
mod = importlib.util.module_from_spec(spec)
loader.exec_module(mod)
events, strings, stacks, _ = mod.read_events(sys.argv[1])
user = set(sys.argv[2:])
pairs, other = set(), []
for e in events:
    if not e["stk"] or e["stk"] not in stacks or not stacks[e["stk"]]:
        continue
    top = strings.get(stacks[e["stk"]][0][1], "?")
    pairs.add((e["name"], top))
    if top not in user:
        other.append("%s %s" % (e["name"], top))
for k, f in sorted(pairs):
    print("%s %s" % (k, f))
print("tops outside the program: %d %s" % (len(other), sorted(set(other))))
