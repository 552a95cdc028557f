#!/usr/bin/env python3
"""Reads `go tool pprof -tags` output and prints, for one tag key, each
value's share of the samples that carry the key, rounded to whole percent,
and whether the values' amounts are within a tolerance of each other.

usage: shares.py KEY TOLERANCE_PERCENT < tags.txt
"""
import re
import sys

key, tol = sys.argv[1], float(sys.argv[2])
amounts = {}
in_key = False
for line in sys.stdin:
    m = re.match(r'^\s*(\S+): Total (\S+)', line)
    if m:
        in_key = m.group(1) == key
        continue
    m = re.match(r'^\s*([0-9.]+)(ms|s|us|ns)? \(\s*[0-9.]+%\): (.*)$', line)
    if m and in_key:
        scale = {'s': 1e3, 'ms': 1, 'us': 1e-3, 'ns': 1e-6, None: 1}[m.group(2)]
        amounts[m.group(3)] = float(m.group(1)) * scale
total = sum(amounts.values())
for value in sorted(amounts):
    print('%s: %d samples-ms' % (value, amounts[value]))
if len(amounts) >= 2 and total > 0:
    lo, hi = min(amounts.values()), max(amounts.values())
    ok = (hi - lo) <= tol / 100 * hi
    print('within %g%%: %s (%.1f%% apart)' % (tol, 'yes' if ok else 'no', 100 * (hi - lo) / hi))
else:
    print('within %g%%: no (values: %s)' % (tol, sorted(amounts)))
