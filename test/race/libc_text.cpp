// C++ programs get the GNU strerror_r (g++ and clang++ define _GNU_SOURCE),
// which returns a static string for a known error and writes the caller's
// buffer only for an unknown one: that write is checked as the program's,
// as the POSIX one is in C (libc_text.c, whose harness this shares).
// REQUIRES: plugin
// RUN: %gosan-cxx %cflags -O1 -DSTRERROR_R %s -o %t
// RUN: sh -c '%t plain-first; echo status $?' 2>&1 | FileCheck %s
// RUN: sh -c '%t libc-first; echo status $?' 2>&1 | FileCheck %s
// RUN: sh -c '%t plain-first exit; echo status $?' 2>&1 | FileCheck %s
// RUN: sh -c '%t libc-first exit; echo status $?' 2>&1 | FileCheck %s
// RUN: sh -c '%t ordered; echo status $?' 2>&1 | FileCheck --check-prefix=ORDERED %s
#include "Inputs/libc_text.h"
// CHECK: WARNING: gosan: data race
// CHECK: {{Write|Read}} of size {{[0-9]+}} at {{.*}} by goroutine {{[0-9]+}}:
// CHECK: Previous {{write|read}} of size {{[0-9]+}} at {{.*}} by goroutine {{[0-9]+}}:
// CHECK: Location is global 'buf'
// CHECK: SUMMARY: gosan: data race
// CHECK-NOT: WARNING: gosan
// CHECK: status 66
// ORDERED-NOT: WARNING: gosan
// ORDERED: main returns
// ORDERED-NOT: WARNING: gosan
// ORDERED: status 0
