#!/bin/sh
# A working symbolizer that records its pid (in $GOSAN_TEST_PIDFILE) when
# it starts, then runs the real llvm-symbolizer.
echo $$ > "$GOSAN_TEST_PIDFILE.tmp" && mv "$GOSAN_TEST_PIDFILE.tmp" "$GOSAN_TEST_PIDFILE"
for s in llvm-symbolizer-14 llvm-symbolizer-19 llvm-symbolizer /usr/lib/llvm-14/bin/llvm-symbolizer; do
    command -v "$s" > /dev/null && exec "$s" "$@"
done
exit 1
