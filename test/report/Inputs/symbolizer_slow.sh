#!/bin/bash
# A symbolizer that is slow but working, like a cold llvm-symbolizer on a
# loaded machine: it computes (runs, using CPU) for 8 s of wall time before
# it starts answering, longer than the 5 s bound on a first answer.
while [ "$SECONDS" -lt 8 ]; do :; done
for s in llvm-symbolizer-14 llvm-symbolizer-19 llvm-symbolizer /usr/lib/llvm-14/bin/llvm-symbolizer; do
    command -v "$s" > /dev/null && exec "$s" "$@"
done
exit 1
