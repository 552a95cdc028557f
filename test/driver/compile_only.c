// gosan-cc -c compiles with the plugin: the object calls the checker's entry
// points and carries line tables (for report locations) without -g.
// REQUIRES: plugin
// RUN: %gosan-driver -O1 -c %s -o %t.o
// RUN: llvm-nm %t.o | FileCheck %s
// RUN: llvm-dwarfdump --debug-line %t.o | FileCheck %s --check-prefix=LINES

int counter;
void bump(void) { counter++; }

// CHECK-DAG: U __gosan_func_entry
// CHECK-DAG: U __gosan_init
// CHECK-DAG: U __gosan_write4
// CHECK-DAG: U __gosan_register_globals
// LINES: compile_only.c
