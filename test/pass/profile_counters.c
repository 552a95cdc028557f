// PGO (-fprofile-instr-generate) and gcov (--coverage) counters are neither
// checked (plain or atomic updates) nor registered in the globals table;
// the user's globals still are.  See test/race/profile_counters.c.
// REQUIRES: plugin
// RUN: %gosan-clang -O1 -fprofile-instr-generate -fplugin=%plugin -mllvm -gosan-stats -S -emit-llvm -o - %s 2>%t.pgo.err | FileCheck %s --check-prefix=IR
// RUN: FileCheck %s --check-prefix=STATS --input-file=%t.pgo.err
// RUN: %gosan-clang -O1 -fprofile-instr-generate -fprofile-update=atomic -fplugin=%plugin -mllvm -gosan-stats -S -emit-llvm -o - %s 2>%t.atomic.err | FileCheck %s --check-prefix=IR
// RUN: FileCheck %s --check-prefix=STATS --input-file=%t.atomic.err
// RUN: %gosan-clang -O1 --coverage -fplugin=%plugin -mllvm -gosan-stats -S -emit-llvm -o - %s 2>%t.gcov.err | FileCheck %s --check-prefix=IR
// RUN: FileCheck %s --check-prefix=STATS --input-file=%t.gcov.err

int shared;

int work(int v) {
  if (v > 3)
    shared = v;
  return v + 1;
}

// IR: @gosan.globals = private constant [1 x
// IR-NOT: call {{.*}}@__gosan_{{[a-z0-9_]+}}({{[^)]*}}@__profc_
// IR-NOT: call {{.*}}@__gosan_{{[a-z0-9_]+}}({{[^)]*}}@__llvm_gcov
// IR: define {{.*}}@work(
// IR: call void @__gosan_write4({{.*}}@shared
// IR-NOT: call {{.*}}@__gosan_{{[a-z0-9_]+}}({{[^)]*}}@__profc_
// IR-NOT: call {{.*}}@__gosan_{{[a-z0-9_]+}}({{[^)]*}}@__llvm_gcov
// STATS: writes 1
// STATS: globals 1
