// The production build (--plain) compiles a file that defines variadic
// functions, at -O0 and -O2, and they run, in a goroutine too.  Plain builds
// compile with the goroutine stack check (the split-stack prologue), which
// LLVM's x86 backend cannot give a variadic function ("Segmented stacks do
// not support vararg functions", a fatal error that stopped the compile);
// the driver loads gosan-stack.so, which leaves only variadic functions
// without the check: the IR shows the others keep it.  With another
// compiler (gcc here) the plain build goes without the check and still
// builds.
// REQUIRES: plugin
// RUN: %plain-cc -O0 %s -o %t0 && %t0 | FileCheck %s
// RUN: %plain-cc -O2 %s -o %t2 && %t2 | FileCheck %s
// RUN: %plain-cc -O2 -S -emit-llvm %s -o %t.ll
// RUN: %python %S/../pass/Inputs/split_stack_attrs.py %t.ll sum say worker | FileCheck --check-prefix=IR %s
// RUN: env GOSAN_CLANG=gcc %plain-cc -O2 %s -o %tg && %tg | FileCheck %s
// RUN: llvm-nm %t2 | FileCheck %s --check-prefix=OBJ
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
