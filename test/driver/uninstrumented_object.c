// A checked program linked with a user object that was not instrumented
// (compiled by plain clang) warns at start-up, one line naming the object:
// its accesses are not checked.  gosan-cc spots it at the link (an
// instrumented object references __gosan_init).  All objects instrumented:
// no warning.
// REQUIRES: plugin
// RUN: %gosan-clang -O1 -DPART1 -c %s -o %t-plain.o
// RUN: %gosan-cc -O1 -DPART1 -c %s -o %t-checked.o
// RUN: %gosan-cc -O1 -c %s -o %t-main.o
// RUN: %gosan-cc %t-plain.o %t-main.o -o %t-mixed 2> %t-link.err
// RUN: FileCheck %s --check-prefix=LINK --input-file=%t-link.err
// RUN: %t-mixed > %t-mixed.out 2>&1
// RUN: FileCheck %s --check-prefix=MIXED --input-file=%t-mixed.out
// RUN: grep -c 'was not compiled with gosan' %t-mixed.out | FileCheck %s --check-prefix=ONE
// RUN: %gosan-cc %t-checked.o %t-main.o -o %t-all 2> %t-all-link.err
// RUN: count 0 < %t-all-link.err
// RUN: %t-all 2>&1 | FileCheck %s --check-prefix=ALL
#include <stdio.h>

#ifdef PART1
int shared = 40;
int add(int x) { return shared += x; }
#else
int add(int x);
int main(void) {
  printf("sum %d\n", add(2));
  return 0;
}
#endif

// LINK: gosan-cc: warning: {{.*}}-plain.o was not compiled with gosan: its accesses are not checked
// MIXED: gosan: warning: {{.*}}-plain.o was not compiled with gosan: its accesses are not checked
// MIXED: sum 42
// ONE: {{^}}1{{$}}
// ALL-NOT: warning
// ALL: sum 42
