#!/bin/sh
# A symbolizer that hangs: it records its pid (in $GOSAN_TEST_PIDFILE),
# never reads its input and never answers.  Only a kill ends it.
echo $$ > "$GOSAN_TEST_PIDFILE.tmp" && mv "$GOSAN_TEST_PIDFILE.tmp" "$GOSAN_TEST_PIDFILE"
exec sleep 100000
