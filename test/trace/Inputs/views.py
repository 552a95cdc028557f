#!/usr/bin/env python3
"""views.py TRACE PATH...: serves TRACE with `go tool trace -http` on a free
port and prints, for each PATH, its HTTP status and the body's size class,
then the body of /goroutines with the HTML tags removed.  The viewer builds
its views from the parsed trace, which checks more than `-d` does."""
import os
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.request

proc = subprocess.Popen(['go', 'tool', 'trace', '-http=127.0.0.1:0', sys.argv[1]],
                        stderr=subprocess.PIPE, text=True, start_new_session=True,
                        env={'BROWSER': 'true', 'PATH': os.environ.get('PATH', '/usr/bin:/bin')})
addr = None
for line in proc.stderr:
    m = re.search(r'listening on (http://\S+)', line)
    if m:
        addr = m.group(1)
        break
    sys.stdout.write('viewer: ' + line)
if not addr:
    print('viewer did not start')
    sys.exit(1)
try:
    for path in sys.argv[2:]:
        try:
            with urllib.request.urlopen(addr + path, timeout=60) as r:
                body = r.read().decode('utf-8', 'replace')
                print('%s %d %s' % (path, r.status, 'non-empty' if body.strip() else 'empty'))
                if path == '/goroutines':
                    text = re.sub(r'<[^>]*>', ' ', body)
                    for w in sorted(set(re.findall(r'(\w+)\s+N=\d+', text))):
                        print('goroutine kind: ' + w)
                    # each kind's own page: its goroutines' times
                    for href in sorted(set(re.findall(r'href="(/goroutine\?id=\d+)"', body))):
                        with urllib.request.urlopen(addr + href, timeout=60) as g:
                            print('goroutine page %d %s' % (g.status, 'non-empty' if g.read().strip() else 'empty'))
        except urllib.error.HTTPError as e:
            print('%s %d %s' % (path, e.code, e.read().decode('utf-8', 'replace')[:200].replace('\n', ' ')))
finally:
    # `go tool trace` runs the trace tool as a child: end the whole group.
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
