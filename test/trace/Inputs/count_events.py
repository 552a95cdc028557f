#!/usr/bin/env python3
"""Summarises `go tool trace -d` output for test/trace's CHECK lines: the
goroutines created, which event kinds occur, the user annotations, and
whether every goroutine created was started and every block ended by an
unblock of that goroutine (except blocks still open at the trace's end)."""
import collections
import sys

events = []
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) < 5 or not parts[0].isdigit():
        continue
    fields = {}
    for p in parts[2:]:
        k, _, v = p.partition('=')
        fields[k] = v
    events.append((parts[1], fields))

kinds = collections.Counter(name for name, _ in events)
created = [f['g'] for name, f in events if name == 'GoCreate']
started = {f['g'] for name, f in events if name == 'GoStart'}
print('goroutines created by the program: %d' % len(created))
for k in ('GoBlockSend', 'GoBlockRecv', 'GoBlockSelect', 'GoBlockSync', 'GoBlockCond', 'GoSleep', 'GoSched',
          'GoUnblock', 'GoEnd', 'ProcStart', 'ProcStop', 'UserTaskEnd', 'Gomaxprocs'):
    print('%s %s' % (k, 'yes' if kinds[k] else 'no'))
for name, f in events:
    if name == 'UserTaskCreate':
        print('UserTaskCreate %s' % f.get('name'))
regions = collections.Counter(f.get('name') for name, f in events if name == 'UserRegion')
for r, n in sorted(regions.items()):
    print('UserRegion %s %d' % (r, n))
for name, f in events:
    if name == 'UserLog':
        print('UserLog %s %s' % (f.get('category'), f.get('message')))
# A block's g is the goroutine that blocked; an unblock names it in g= too
# (the unblocking goroutine is p's) -- -d prints Args after p/g/off, and the
# first Arg of GoUnblock is also called g, so the last g= wins: that one.
open_blocks = {}
bad = 0
for name, f in events:
    if name.startswith('GoBlock') or name in ('GoSleep', 'GoWaiting'):
        open_blocks[f['g']] = name
    elif name == 'GoUnblock':
        if f['g'] not in open_blocks:
            bad += 1
        open_blocks.pop(f['g'], None)
print('every goroutine started after its create: %s' % ('yes' if set(created) <= started else 'no'))
print('every unblock ends a block: %s' % ('yes' if bad == 0 else 'no (%d)' % bad))
