// C++ vtable pointers: a destructor that rewrites an object's vptr while
// another goroutine makes a virtual call on it races (-DRACY: ~Derived runs
// into ~Base, which stores Base's vtable); a destructor that stores the
// vptr the object already has (a class without bases) changes nothing the
// call can see and is no race.  The pass sends TBAA-tagged vptr accesses to
// __gosan_vptr_read / __gosan_vptr_update, as TSan; the loads of vtable
// slots are not checked.  clang emits the TBAA tags only when optimising,
// hence -O1 and up.  The call comes first in real time, or the destructor
// with -DDTOR_FIRST (a relaxed flag: no happens-before); the goroutine ends
// just before main returns.
// REQUIRES: plugin
// RUN: %gosan-cxx %cflags -O1 %s -o %t1 && %t1 2>&1 | FileCheck --allow-empty --check-prefix=BENIGN %s
// RUN: %gosan-cxx %cflags -O2 %s -o %t2 && %t2 2>&1 | FileCheck --allow-empty --check-prefix=BENIGN %s
// RUN: %gosan-cxx %cflags -O1 -DRACY %s -o %t-r1 && not %t-r1 2>&1 | FileCheck %s
// RUN: %gosan-cxx %cflags -O2 -DRACY %s -o %t-r2 && not %t-r2 2>&1 | FileCheck %s
// RUN: %gosan-cxx %cflags -O1 -DRACY -DDTOR_FIRST %s -o %t-d1 && not %t-d1 2>&1 | FileCheck %s
// RUN: %gosan-cxx %cflags -O2 -DRACY -DDTOR_FIRST %s -o %t-d2 && not %t-d2 2>&1 | FileCheck %s
// RUN: %gosan-cxx %cflags -O2 -DDTOR_FIRST %s -o %t-b && %t-b 2>&1 | FileCheck --allow-empty --check-prefix=BENIGN %s
#include <gosan/go.h>
#include <atomic>
#include <new>

__attribute__((noinline)) void touch(const void *p) { __asm__ __volatile__("" ::"r"(p) : "memory"); }

static std::atomic<int> first_done; // relaxed: a real-time order only

static void wait_first() {
  while (!first_done.load(std::memory_order_relaxed))
    go_yield();
}

static void first_is_done() { first_done.store(1, std::memory_order_relaxed); }

#ifdef RACY
struct Base {
  virtual ~Base() { touch(this); }
  virtual int f() { return 1; }
};
struct Obj : Base {
  ~Obj() override { touch(this); }
  int f() override { return 2; }
};
#else
struct Obj {
  virtual ~Obj() { touch(this); } // stores Obj's vptr again: no change
  virtual int f() { return 2; }
};
#endif

alignas(Obj) static unsigned char storage[sizeof(Obj)];
static Obj *obj;
static go_wg wg;

static void caller(void *) {
#ifdef DTOR_FIRST
  wait_first();
#endif
  int r = obj->f(); // reads the vptr
  touch(&r);
#ifndef DTOR_FIRST
  first_is_done();
#endif
  go_wg_done(&wg);
}

int main() {
  obj = new (storage) Obj;
  go_wg_add(&wg, 1);
  go_spawn(caller, nullptr);
#ifndef DTOR_FIRST
  wait_first();
#endif
  obj->~Obj(); // the memory stays: a later call is still well-defined
#ifdef DTOR_FIRST
  first_is_done();
#endif
  go_wg_wait(&wg);
  return 0;
}

// BENIGN-NOT: data race
// CHECK: WARNING: gosan: data race
// CHECK: Location is global 'storage'
