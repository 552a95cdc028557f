// GOSAN_STACK_SIZE is parsed strictly: decimal digits with an optional k, m
// or g suffix, 16 KiB to 1 GiB.  Anything else is rejected at start-up with
// the reason and the range and the default 64 KiB is used, so goroutines
// still start; a valid value is taken silently.
// RUN: %plain-cc %s -o %t
// RUN: env GOSAN_STACK_SIZE=abc %t 2>&1 | FileCheck --check-prefix=NOTSIZE -DV=abc %s
// RUN: env GOSAN_STACK_SIZE=-1 %t 2>&1 | FileCheck --check-prefix=NOTSIZE -DV=-1 %s
// RUN: env GOSAN_STACK_SIZE=' 64k' %t 2>&1 | FileCheck --check-prefix=NOTSIZE -DV=' 64k' %s
// RUN: env GOSAN_STACK_SIZE=64kb %t 2>&1 | FileCheck --check-prefix=NOTSIZE -DV=64kb %s
// RUN: env GOSAN_STACK_SIZE=99999999999999999999 %t 2>&1 | FileCheck --check-prefix=NOTSIZE -DV=99999999999999999999 %s
// RUN: env GOSAN_STACK_SIZE=18014398509481984k %t 2>&1 | FileCheck --check-prefix=NOTSIZE -DV=18014398509481984k %s
// RUN: env GOSAN_STACK_SIZE=1t %t 2>&1 | FileCheck --check-prefix=NOTSIZE -DV=1t %s
// RUN: env GOSAN_STACK_SIZE=2g %t 2>&1 | FileCheck --check-prefix=LARGE -DV=2g %s
// RUN: env GOSAN_STACK_SIZE=1073741825 %t 2>&1 | FileCheck --check-prefix=LARGE -DV=1073741825 %s
// RUN: env GOSAN_STACK_SIZE=15k %t 2>&1 | FileCheck --check-prefix=SMALL -DV=15k %s
// RUN: env GOSAN_STACK_SIZE=256k %t 2>&1 | FileCheck --check-prefix=OK --implicit-check-not=gosan: %s
// RUN: env GOSAN_STACK_SIZE=1G %t 2>&1 | FileCheck --check-prefix=OK --implicit-check-not=gosan: %s
// RUN: env GOSAN_STACK_SIZE=16384 %t 2>&1 | FileCheck --check-prefix=OK --implicit-check-not=gosan: %s
#include <gosan/go.h>
#include <stdio.h>

static go_wg wg;

static void child(void *arg)
{
    volatile char frame[4096]; /* fits any accepted size (the last 4 KiB of a stack are the entry check's reserve) */
    frame[0] = 1;
    *(int *)arg = frame[0];
    go_wg_done(&wg);
}

int main(void)
{
    int ran = 0;
    go_wg_add(&wg, 1);
    int err = go_spawn(child, &ran);
    if (err == 0)
        go_wg_wait(&wg);
    printf("spawn=%d ran=%d\n", err, ran);
    return 0;
}
// NOTSIZE: gosan: GOSAN_STACK_SIZE=[[V]] is not a size (digits with an optional k, m or g suffix): want 16 KiB to 1024 MiB; using 64 KiB
// NOTSIZE-NEXT: spawn=0 ran=1
// LARGE: gosan: GOSAN_STACK_SIZE=[[V]] is too large: want 16 KiB to 1024 MiB; using 64 KiB
// LARGE-NEXT: spawn=0 ran=1
// SMALL: gosan: GOSAN_STACK_SIZE=[[V]] is too small: want 16 KiB to 1024 MiB; using 64 KiB
// SMALL-NEXT: spawn=0 ran=1
// OK: spawn=0 ran=1
