#!/bin/sh
# Usage: symbolizer_gone.sh PIDFILE
# Succeeds when the process whose pid PIDFILE holds is gone (or a zombie:
# the sandbox's PID 1 may not reap) within 5 s; prints it otherwise.
pid=$(cat "$1") || exit 1
[ -n "$pid" ] || { echo "no pid in $1"; exit 1; }
i=0
while [ $i -lt 50 ]; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "symbolizer gone"; exit 0; fi
    state=$(sed 's/^.*) //' /proc/"$pid"/stat 2>/dev/null | cut -c1)
    if [ "$state" = Z ]; then echo "symbolizer gone"; exit 0; fi
    sleep 0.1
    i=$((i + 1))
done
echo "symbolizer $pid still running:"; cat /proc/"$pid"/cmdline | tr '\0' ' '; echo
exit 1
