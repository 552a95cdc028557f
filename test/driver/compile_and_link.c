// One gosan-cc command compiles and links (plugin, checker runtime, library);
// a race-free program runs normally.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: %t | FileCheck %s
// RUN: llvm-nm %t | FileCheck %s --check-prefix=NM
#include <stdio.h>

int total;

int main(void) {
  for (int i = 1; i <= 10; i++)
    total += i;
  printf("total %d\n", total);
  return 0;
}
// CHECK: total 55
// NM: T __gosan_init
