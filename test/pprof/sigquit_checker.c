// Under the checker SIGQUIT keeps the checker's behaviour: by default its
// default action (the library's production dump is not installed), and
// with dump_on_sigquit=1 the checker's dump, after which the program goes
// on (test/dump/sigquit.c).
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: not --crash %t 2> %t.err
// RUN: FileCheck %s < %t.err
#include <gosan/go.h>
#include <signal.h>
#include <stdio.h>

int main(void)
{
    raise(SIGQUIT);
    fprintf(stderr, "not reached\n");
    return 0;
}

// CHECK-NOT: SIGQUIT: quit
// CHECK-NOT: goroutine 1
// CHECK-NOT: not reached
