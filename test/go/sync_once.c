// go_once_do: the function runs exactly once although many goroutines call
// at the same time, and every caller returns only after it returned (each
// sees its result).  Later calls, with another function, run nothing.
// RUN: %plain-cc %s -o %t
// RUN: env GOSAN_MAXPROCS=1 %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=2 %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=8 %t | FileCheck %s
// RUN: %cc-asan %s -o %t-asan && %t-asan | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>

enum { NG = 100 };

static go_once once;
static go_wg wg;
static atomic_int calls, saw_unset;
static int result;   /* plain: published by the Once */

static void init_fn(void *arg)
{
    atomic_fetch_add(&calls, 1);
    go_sleep(20 * 1000 * 1000);  /* keep the others waiting */
    result = *(int *)arg;
}

static void other_fn(void *arg)
{
    (void)arg;
    atomic_fetch_add(&calls, 100);
}

static void caller(void *arg)
{
    (void)arg;
    static int value = 42;
    go_once_do(&once, init_fn, &value);
    if (result != 42)
        atomic_fetch_add(&saw_unset, 1);
    go_wg_done(&wg);
}

int main(void)
{
    go_wg_add(&wg, NG);
    for (int i = 0; i < NG; i++)
        go_spawn(caller, NULL);
    go_wg_wait(&wg);
    go_once_do(&once, other_fn, NULL);
    printf("calls=%d result=%d callers that saw no result=%d\n", atomic_load(&calls), result,
           atomic_load(&saw_unset));
    return 0;
}
// CHECK: calls=1 result=42 callers that saw no result=0
