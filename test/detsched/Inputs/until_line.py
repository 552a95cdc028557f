"""until_line.py PATTERN CMD... - runs CMD (stderr into stdout), copies its
output to our stdout until a line contains PATTERN, then kills it.

For a program that is expected to hang after printing a diagnostic: the
verdict is the diagnostic, so the test waits for it instead of for a fixed
timeout (which costs its whole length on every run, and can end a slow run
on a loaded machine before the diagnostic).  Exits 0 once PATTERN was seen,
1 if CMD ended without printing it.  lit's own timeout bounds a run that
never prints it.
"""
import subprocess
import sys

pattern = sys.argv[1].encode()
proc = subprocess.Popen(sys.argv[2:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
seen = False
for line in proc.stdout:
    sys.stdout.buffer.write(line)
    if pattern in line:
        seen = True
        break
sys.stdout.flush()
if seen:
    proc.kill()
proc.wait()
sys.exit(0 if seen else 1)
