// --asan/--tsan only make sense with --plain.
// RUN: not %gosan-driver --asan -c %s -o %t.o 2>&1 | FileCheck %s
int x;
// CHECK: gosan-cc: --asan/--tsan go with --plain
