// Compiling and linking in separate gosan-cc steps, as a Makefile does.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 -DPART1 -c %s -o %t1.o
// RUN: %gosan-cc -O1 -c %s -o %t2.o
// RUN: %gosan-cc %t1.o %t2.o -o %t
// RUN: %t | FileCheck %s
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
// CHECK: sum 42
