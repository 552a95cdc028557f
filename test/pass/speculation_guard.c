// Every function the pass checks carries sanitize_thread from the start of
// the pipeline (so that the optimiser speculates no load or store into it,
// see test/race/speculation_*.c), in every plugin mode and at every level;
// ignored functions do not (their accesses are not checked; with differing
// attributes LLVM does not inline one into the other, as with TSan); and it
// does not bring in TSan's own pass.
// REQUIRES: plugin
// RUN: %gosan-clang -O0 -fpass-plugin=%plugin -S -emit-llvm -o %t.o0.ll %s
// RUN: FileCheck %s --input-file=%t.o0.ll
// RUN: FileCheck %s --check-prefix=IGN --input-file=%t.o0.ll
// RUN: %gosan-clang -O2 -fpass-plugin=%plugin -S -emit-llvm -o %t.o2.ll %s
// RUN: FileCheck %s --input-file=%t.o2.ll
// RUN: FileCheck %s --check-prefix=IGN --input-file=%t.o2.ll
// RUN: %gosan-clang -O0 -fplugin=%plugin -fpass-plugin=%plugin -S -emit-llvm -o %t.b0.ll %s
// RUN: FileCheck %s --input-file=%t.b0.ll
// RUN: FileCheck %s --check-prefix=BOTH --input-file=%t.b0.ll
// RUN: FileCheck %s --check-prefix=IGN --input-file=%t.b0.ll
// RUN: FileCheck %s --check-prefix=NOSAN --input-file=%t.b0.ll
// RUN: %gosan-clang -O3 -fplugin=%plugin -S -emit-llvm -o %t.b3.ll %s
// RUN: FileCheck %s --input-file=%t.b3.ll
// RUN: FileCheck %s --check-prefix=BOTH --input-file=%t.b3.ll
// RUN: FileCheck %s --check-prefix=NOSAN --input-file=%t.b3.ll
// RUN: %gosan-driver -O1 -S -emit-llvm -o %t.d1.ll %s
// RUN: FileCheck %s --input-file=%t.d1.ll
// RUN: FileCheck %s --check-prefix=BOTH --input-file=%t.d1.ll
// RUN: FileCheck %s --check-prefix=NOSAN --input-file=%t.d1.ll

int x, y;
void sink(int);

// CHECK: define {{.*}}@checked({{.*}} #[[CHECKED:[0-9]+]]
__attribute__((noinline)) void checked(void) {
  if (y == 1 && x == 1)
    sink(1);
}

// The AST side's no_sanitize("thread") (with -fplugin only).
// BOTH: define {{.*}}@no_thread({{.*}} #[[NOTHREAD:[0-9]+]]
__attribute__((no_sanitize("thread"))) void no_thread(void) { sink(x); }

// IGN: define {{.*}}@annotated({{.*}} #[[IGNORED:[0-9]+]]
__attribute__((annotate("gosan_ignore"))) void annotated(void) { sink(y); }

int main(void) {
  checked();
  no_thread();
  annotated();
  return 0;
}

// CHECK: attributes #[[CHECKED]] = { {{.*}}sanitize_thread
// BOTH: attributes #[[NOTHREAD]] = {
// BOTH-NOT: sanitize_thread
// BOTH-SAME: }{{$}}
// IGN: attributes #[[IGNORED]] = {
// IGN-NOT: sanitize_thread
// IGN-SAME: }{{$}}
// NOSAN-NOT: __tsan_
