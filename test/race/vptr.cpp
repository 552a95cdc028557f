// C++ vtable pointers: a destructor that rewrites an object's vptr while
// another goroutine makes a virtual call on it races (-DRACY: ~Derived runs
// into ~Base, which stores Base's vtable); a destructor that stores the
// vptr the object already has (a class without bases) changes nothing the
// call can see and is no race.  The pass sends TBAA-tagged vptr accesses to
// __gosan_vptr_read / __gosan_vptr_update, as TSan; the loads of vtable
// slots are not checked.  clang emits the TBAA tags only when optimising,
// hence -O1 and up.
// REQUIRES: plugin
// RUN: %gosan-cxx %cflags -O1 %s -o %t1 && %t1 2>&1 | FileCheck --allow-empty --check-prefix=BENIGN %s
// RUN: %gosan-cxx %cflags -O2 %s -o %t2 && %t2 2>&1 | FileCheck --allow-empty --check-prefix=BENIGN %s
// RUN: %gosan-cxx %cflags -O1 -DRACY %s -o %t-r1 && not %t-r1 2>&1 | FileCheck %s
// RUN: %gosan-cxx %cflags -O2 -DRACY %s -o %t-r2 && not %t-r2 2>&1 | FileCheck %s
// RUN: %gosan-cxx %cflags -O2 -DRACY -DCALLER_LATE %s -o %t-c && not %t-c 2>&1 | FileCheck %s
// RUN: %gosan-cxx %cflags -O2 -DRACY -DDTOR_LATE %s -o %t-d && not %t-d 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <new>
#include <time.h>

__attribute__((noinline)) void touch(const void *p) { __asm__ __volatile__("" ::"r"(p) : "memory"); }

static void spin_ms(int ms) {
  timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  do
    clock_gettime(CLOCK_MONOTONIC, &b);
  while ((b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec) < ms * 1000000L);
}

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
#ifdef CALLER_LATE
  spin_ms(5);
#endif
  int r = obj->f(); // reads the vptr
  touch(&r);
  go_wg_done(&wg);
}

int main() {
  obj = new (storage) Obj;
  go_wg_add(&wg, 1);
  go_spawn(caller, nullptr);
#ifdef DTOR_LATE
  spin_ms(5);
#endif
  obj->~Obj(); // the memory stays: the late call is still well-defined
  go_wg_wait(&wg);
  return 0;
}

// BENIGN-NOT: data race
// CHECK: WARNING: gosan: data race
// CHECK: Location is global 'storage'
