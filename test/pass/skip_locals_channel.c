// A local whose address is only given to a channel operation as its element
// (or to go_select as its case array) does not escape: the library copies
// through the pointer during the call and keeps nothing, so no other
// goroutine can reach the local and its accesses are skipped.  A local given
// to go_spawn as the argument does escape, and stays instrumented.
// REQUIRES: plugin
// RUN: %gosan-clang -O1 -fplugin=%plugin -mllvm -gosan-stats -S -emit-llvm -o %t.ll %s 2>&1 | FileCheck %s --check-prefix=STATS
// RUN: FileCheck %s --input-file=%t.ll
// The library's declarations (include/gosan/go.h), restated so the test
// compiles without include paths.
#include <stdbool.h>
#include <stddef.h>
typedef struct go_chan go_chan;
typedef void (*go_func)(void *arg);
enum { GO_SEND = 1, GO_RECV = 2 };
typedef struct {
  go_chan *chan;
  int dir;
  void *elem;
  bool ok;
} go_case;
int go_spawn(go_func fn, void *arg);
int go_chan_send(go_chan *c, const void *elem);
bool go_chan_recv(go_chan *c, void *elem);
int go_select(go_case *cases, size_t n, bool block);

long *source(void);

// CHECK-LABEL: define {{.*}}@forward(
// CHECK-NOT: call void @__gosan_{{read|write}}8(ptr{{.*}} %item
// CHECK-NOT: call void @__gosan_{{read|write}}8(i8*{{.*}} %item
// CHECK: ret
long forward(go_chan *in, go_chan *out) {
  long *item, total = 0;
  while (go_chan_recv(in, &item)) {
    total += *item;
    go_chan_send(out, &item);
  }
  return total;
}

// The case array is filled without checks; va and vb, whose addresses are
// stored into it, escape, so reading them is checked.
// CHECK-LABEL: define {{.*}}@pick(
// CHECK-NOT: call void @__gosan_{{read|write}}
// CHECK: call i32 @go_select(
// CHECK: call void @__gosan_read4(
// CHECK: ret
int pick(go_chan *a, go_chan *b) {
  int va, vb; // written by the select only
  go_case cases[2] = {{a, GO_RECV, &va}, {b, GO_RECV, &vb}};
  int i = go_select(cases, 2, true);
  return i == 0 ? va : vb;
}

static void worker(void *arg) { *(long *)arg += 1; }

// CHECK-LABEL: define {{.*}}@spawn_with_local(
// CHECK: call void @__gosan_write8(
// CHECK: call i32 @go_spawn(
long spawn_with_local(void) {
  long shared = 1;
  go_spawn(worker, &shared);
  return shared;
}

// STATS: gosan-stats: skipped-local {{[1-9]}}
