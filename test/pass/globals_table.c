// The module constructor calls __gosan_init, then __gosan_register_globals
// with one {addr, size, name, file, line} entry per defined, writable global.
// Names and lines come from the -fplugin side without -g, from debug info
// with -g; with -fpass-plugin alone and no -g only the IR name is known.
// Constants and thread-locals are not registered.
// REQUIRES: plugin
// RUN: %gosan-clang -O1 -fplugin=%plugin -S -emit-llvm -o - %s | FileCheck %s --check-prefixes=CHECK,AST
// RUN: %gosan-clang -O1 -g -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s --check-prefixes=CHECK,AST
// RUN: %gosan-clang -O1 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s --check-prefixes=CHECK,IR
// RUN: %gosan-clang -O1 -fplugin=%plugin -S -emit-llvm -o %t.ll %s
// RUN: FileCheck %s --check-prefix=NOREG --input-file=%t.ll
// RUN: FileCheck %s --check-prefix=COUNTER --input-file=%t.ll
// RUN: FileCheck %s --check-prefix=HIDDEN --input-file=%t.ll

int counter; // COUNTER: @counter{{.*}}, i64 4, {{.*}}, i32 [[@LINE]], i32 0 }
static long hidden[8]; // HIDDEN: @hidden{{.*}}, i64 64, {{.*}}, i32 [[@LINE]], i32 0 }
const int limit = 10;
_Thread_local int per_thread;

int bump(int i) {
  static int calls; // read too: clang 15+ warns about a static only written
  int n = ++calls;
  hidden[i & 7]++;
  per_thread++;
  return ++counter + limit + n;
}

// CHECK-DAG: @llvm.global_ctors = appending global {{.*}} @gosan.module_ctor
// CHECK-DAG: c"counter\00"
// CHECK-DAG: c"hidden\00"
// AST-DAG: c"calls\00"
// AST-DAG: c"{{.*}}globals_table.c\00"
// IR-DAG: c"bump.calls\00"
// IR-DAG: @counter{{.*}}, i64 4, {{.*}} null, i32 0,

// NOREG-NOT: c"limit\00"
// NOREG-NOT: c"per_thread\00"

// CHECK: define internal void @gosan.module_ctor()
// CHECK-NEXT: call void @__gosan_init()
// CHECK-NEXT: call void @__gosan_register_globals({{.*}}@gosan.globals{{.*}}, i64 3)
