// Every function with accesses or calls calls __gosan_func_entry with its
// return address first and __gosan_func_exit before every return (clang
// merges the returns into one; exceptions.cpp has more exits); a leaf
// without instrumented accesses is left alone.
// REQUIRES: plugin
// RUN: %gosan-clang -O0 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %gosan-clang -O2 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s --check-prefix=OPT
#include <setjmp.h>

int g;
void callee(void);

// CHECK-LABEL: define {{.*}}@two_returns(
// CHECK: [[RA:%[0-9]+]] = call {{.*}}@llvm.returnaddress(i32 0)
// CHECK-NEXT: call void @__gosan_func_entry({{.*}}[[RA]])
// CHECK: call void @__gosan_func_exit()
// CHECK-NEXT: ret
// CHECK-NOT: ret
// CHECK: }
int two_returns(int x) {
  if (x > 0) {
    callee();
    return g;
  }
  while (x++ < 0)
    callee();
  return 1;
}

// OPT-LABEL: define {{.*}}@leaf(
// OPT-NOT: __gosan_func_entry
// OPT: ret
int leaf(int x) { return x * 2; }

// longjmp leaves the frame without a return: exit first.
// CHECK-LABEL: define {{.*}}@jump(
// CHECK: call void @__gosan_func_exit()
// CHECK-NEXT: call void @longjmp(
jmp_buf jb;
void jump(void) { g = 1; longjmp(jb, 1); }
