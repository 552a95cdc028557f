// A file defining variadic functions compiles under gosan-cc, checked and
// production (--plain), at -O0 and -O2, and they run, in a goroutine too:
// the split-stack prologue (the goroutine stack check gosan-cc compiles into
// every function) is left off variadic functions, which LLVM's x86 backend
// cannot give one (it stopped with "Segmented stacks do not support vararg
// functions"); the other functions keep it.  Checked builds take it off in
// gosan-pass.so, plain ones in gosan-stack.so.  With another compiler (gcc)
// the plain build goes without the check and still builds.
// REQUIRES: plugin
// RUN: %gosan-cc -O0 %s -o %t0 && %t0 | FileCheck %s
// RUN: %gosan-cc -O2 %s -o %t2 && %t2 | FileCheck %s
// RUN: %gosan-driver -O2 -S -emit-llvm %s -o %t.ll
// RUN: %python %S/Inputs/split_stack_attrs.py %t.ll sum say worker | FileCheck --check-prefix=IR %s
// RUN: %plain-cc -O0 %s -o %tp0 && %tp0 | FileCheck %s
// RUN: %plain-cc -O2 %s -o %tp2 && %tp2 | FileCheck %s
// RUN: llvm-nm %tp2 | FileCheck %s --check-prefix=OBJ
// RUN: %plain-cc -O2 -S -emit-llvm %s -o %tp.ll
// RUN: %python %S/Inputs/split_stack_attrs.py %tp.ll sum say worker | FileCheck --check-prefix=IR %s
// RUN: env GOSAN_CLANG=gcc %plain-cc -O2 %s -o %tg && %tg | FileCheck %s
#include <gosan/go.h>
#include <stdarg.h>
#include <stdio.h>

int sum(int n, ...)
{
    va_list ap;
    int s = 0;
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        s += va_arg(ap, int);
    va_end(ap);
    return s;
}

__attribute__((noinline)) void say(const char *fmt, ...)
{
    char buf[64];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    puts(buf);
}

static go_wg wg;

void worker(void *arg)
{
    say("goroutine: %d", sum(3, 1, 2, (int)(long)arg));
    go_wg_done(&wg);
}

int main(void)
{
    say("main: %d %s", sum(4, 1, 2, 3, 4), "done");
    go_wg_add(&wg, 1);
    go_spawn(worker, (void *)3L);
    go_wg_wait(&wg);
    return 0;
}
// CHECK: main: 10 done
// CHECK: goroutine: 6
// IR: sum nosplit say nosplit worker split
// OBJ-NOT: __gosan
