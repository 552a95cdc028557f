// The suppressions file must be a regular file of bounded size with
// bounded lines: a device, a FIFO with no writer or a directory is
// rejected at once (no hang, no memory growth), and so is a file over
// 1 MiB or a line over 1000 bytes, each with a message naming the file
// (and line) and the limit.  Each run is under `timeout` so that a hang
// fails instead of stalling the suite.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: env GOSAN_OPTIONS=suppressions=/dev/zero not timeout 20 %t 2>&1 | FileCheck %s --check-prefix=ZERO
// RUN: rm -f %t.fifo && mkfifo %t.fifo
// RUN: env GOSAN_OPTIONS=suppressions=%t.fifo not timeout 20 %t 2>&1 | FileCheck %s --check-prefix=FIFO
// RUN: rm -rf %t.d && mkdir %t.d
// RUN: env GOSAN_OPTIONS=suppressions=%t.d not timeout 20 %t 2>&1 | FileCheck %s --check-prefix=DIR
// RUN: head -c 1048577 /dev/zero | tr '\0' '#' > %t.big
// RUN: env GOSAN_OPTIONS=suppressions=%t.big not timeout 20 %t 2>&1 | FileCheck %s --check-prefix=BIG
// RUN: (echo 'race:ok'; printf 'race:'; head -c 1000 /dev/zero | tr '\0' 'x'; echo) > %t.long
// RUN: env GOSAN_OPTIONS=suppressions=%t.long not timeout 20 %t 2>&1 | FileCheck %s --check-prefix=LONG
// RUN: (printf 'race:'; head -c 995 /dev/zero | tr '\0' 'x'; echo) > %t.max
// RUN: env GOSAN_OPTIONS=suppressions=%t.max timeout 20 %t 2>&1 | FileCheck %s --check-prefix=OK
#include <stdio.h>

int main(void)
{
    puts("main ran");
    return 0;
}
// ZERO: gosan: FATAL: suppressions file '/dev/zero' is a character device (expected a regular file)
// ZERO-NOT: main ran
// FIFO: gosan: FATAL: suppressions file '{{.*}}.fifo' is a FIFO (expected a regular file)
// FIFO-NOT: main ran
// DIR: gosan: FATAL: suppressions file '{{.*}}.d' is a directory (expected a regular file)
// BIG: gosan: FATAL: suppressions file '{{.*}}.big' is larger than 1048576 bytes
// BIG-NOT: main ran
// LONG: gosan: FATAL: {{.*}}.long:2: line longer than 1000 bytes
// LONG-NOT: main ran
// OK: main ran
