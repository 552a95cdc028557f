// --plain is the production build: the library alone, no plugin, no checker.
// RUN: %plain-cc -O1 -c %s -o %t.o
// RUN: llvm-nm %t.o | FileCheck %s --check-prefix=OBJ
// RUN: %plain-cc -O1 %t.o -o %t
// RUN: %t | FileCheck %s
// RUN: llvm-nm %t | FileCheck %s --check-prefix=OBJ
#include <stdio.h>

int counter;
int main(void) {
  counter++;
  printf("counter %d\n", counter);
  return 0;
}
// OBJ-NOT: __gosan
// CHECK: counter 1
