// memcpy/memmove/memset, as intrinsics or as libc calls (-fno-builtin keeps
// the calls), become __gosan_memcpy/memmove/memset; copies between locals
// whose address never escapes are left alone.
// REQUIRES: plugin
// RUN: %gosan-clang -O2 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %gosan-clang -O2 -fno-builtin -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
#include <string.h>

// CHECK-LABEL: define {{.*}}@copy(
// CHECK: call {{.*}}@__gosan_memcpy(
// CHECK: call {{.*}}@__gosan_memmove(
// CHECK: call {{.*}}@__gosan_memset({{.*}}, i32 7, i64 %
// CHECK-NOT: call {{.*}}@{{(llvm\.)?}}mem{{cpy|move|set}}
// CHECK: ret
void *copy(char *d, const char *s, size_t n) {
  memcpy(d, s, n);
  memmove(d + 1, d, n);
  return memset(d, 7, n);
}
