// A driver whose plugin or runtime is missing says which file it looked for.
// RUN: rm -rf %t && mkdir -p %t/bin %t/lib
// RUN: cp %gosan-driver %t/bin/gosan-cc
// RUN: not %t/bin/gosan-cc -c %s -o %t/x.o 2>&1 | FileCheck %s --check-prefix=PLUGIN
// RUN: not %t/bin/gosan-cc %s -o %t/x 2>&1 | FileCheck %s --check-prefix=PLUGIN
// The AST plugin is there but the pass plugin it needs is not.
// RUN: cp %plugin %t/lib/gosan-plugin.so
// RUN: not %t/bin/gosan-cc -c %s -o %t/x.o 2>&1 | FileCheck %s --check-prefix=PASS
// The plugins are there but the checker runtime is not: compiling works,
// linking fails.
// RUN: cp %gosan-pass-plugin %t/lib/gosan-pass.so
// RUN: %t/bin/gosan-cc -c %s -o %t/x.o
// RUN: not %t/bin/gosan-cc %t/x.o -o %t/x 2>&1 | FileCheck %s --check-prefix=RT
// REQUIRES: plugin
int main(void) { return 0; }
// PLUGIN: gosan-cc: the clang plugin not found at {{.*}}/lib/gosan-plugin.so
// PASS: gosan-cc: the pass plugin not found at {{.*}}/lib/gosan-pass.so
// RT: gosan-cc: the checker runtime not found at {{.*}}/lib/libgosan_rt.a
