// A file defining variadic functions compiles under gosan-cc, at -O0 and
// -O2, and they run, in a goroutine too: the split-stack prologue (the
// goroutine stack check gosan-cc compiles into every function) is left off
// variadic functions, which LLVM's x86 backend cannot give one (it stopped
// with "Segmented stacks do not support vararg functions"); the other
// functions keep it.
// REQUIRES: plugin
// RUN: %gosan-cc -O0 %s -o %t0 && %t0 | FileCheck %s
// RUN: %gosan-cc -O2 %s -o %t2 && %t2 | FileCheck %s
// RUN: %gosan-driver -O2 -S -emit-llvm %s -o %t.ll
// RUN: %python %S/Inputs/split_stack_attrs.py %t.ll sum say worker | FileCheck --check-prefix=IR %s
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
