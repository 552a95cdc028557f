// glibc gives the stack (and TLS) of an exited detached thread to the next
// thread it creates.  The new thread's locals are its own: the old owner's
// accesses at those addresses must not race with them.  A local that two
// live threads really share still races.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: %t reuse 2>&1 | FileCheck --check-prefix=REUSE %s
// RUN: not %t shared-owner-first 2>&1 | FileCheck --check-prefix=SHARED %s
// RUN: not %t shared-main-first 2>&1 | FileCheck --check-prefix=SHARED %s
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static atomic_int step; /* relaxed: orders nothing for the checker */
static _Atomic(int *) shared_local;
static _Atomic(void *) stack_of[2];
static int owner_first;

static void wait_step(int at_least)
{
    while (atomic_load_explicit(&step, memory_order_relaxed) < at_least)
        usleep(1000);
}

static void *short_lived(void *arg)
{
    long i = (long)arg;
    volatile int local[64];
    for (int k = 0; k < 64; k++)
        local[k] = k;
    atomic_store_explicit(&stack_of[i], (void *)local, memory_order_relaxed);
    atomic_store_explicit(&step, (int)i + 1, memory_order_relaxed);
    return NULL;
}

static int reuse(void)
{
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
    for (long i = 0; i < 2; i++) {
        pthread_t t;
        pthread_create(&t, &a, short_lived, (void *)i);
        wait_step((int)i + 1);
        usleep(20000); /* it exits; glibc keeps its stack for the next thread */
    }
    printf("stack reused: %s\n",
           atomic_load_explicit(&stack_of[0], memory_order_relaxed) ==
                   atomic_load_explicit(&stack_of[1], memory_order_relaxed)
               ? "yes" : "no");
    return 0;
}

static void *owner(void *arg)
{
    (void)arg;
    int local = 0;
    atomic_store_explicit(&shared_local, &local, memory_order_relaxed);
    if (!owner_first)
        wait_step(1);
    local = 1; /* races with main's read */
    atomic_fetch_add_explicit(&step, 1, memory_order_relaxed);
    wait_step(2); /* keep the local alive until main has read it */
    return NULL;
}

static int shared(void)
{
    pthread_t t;
    pthread_create(&t, NULL, owner, NULL);
    int *p;
    while (!(p = atomic_load_explicit(&shared_local, memory_order_relaxed)))
        usleep(1000);
    if (owner_first)
        wait_step(1);
    int v = *p;
    __asm__ __volatile__("" ::"r"(v));
    atomic_fetch_add_explicit(&step, 1, memory_order_relaxed);
    _exit(0); /* right after the race: the report must still be whole */
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "reuse"))
        return reuse();
    owner_first = argc > 1 && !strcmp(argv[1], "shared-owner-first");
    return shared();
}

// REUSE-NOT: WARNING: gosan
// REUSE: stack reused: yes
// REUSE-NOT: WARNING: gosan

// SHARED: WARNING: gosan: data race
// SHARED: SUMMARY: gosan: data race {{.*}}thread_stack_reuse.c
