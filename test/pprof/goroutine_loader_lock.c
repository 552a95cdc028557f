// A goroutine profile stops the world (every thread the library runs,
// adopted ones too) and walks each goroutine's stack while it is stopped.
// A thread stopped inside dladdr holds the dynamic loader's lock (a traced
// thread naming a frame does that), so nothing the walk does may take that
// lock, though the stacks it walks are in libc: here an adopted thread calls
// dladdr in a loop while a goroutine takes 300 profiles and main waits in
// pthread_join.  When the walk looked for main's frame with dladdr, this
// program hung within its first profiles.
// RUN: %plain-cc %s -o %t -ldl -lpthread
// RUN: env GOSAN_MAXPROCS=2 %t | FileCheck %s
// CHECK: 300 profiles taken while a thread held the loader's lock
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <gosan/go.h>
#include <gosan/pprof.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static _Atomic int stop, started, taken;

static void *namer(void *arg)
{
    (void)arg;
    go_yield(); /* adopted: the world stop signals this thread too */
    started = 1;
    Dl_info di;
    while (!stop)
        (void)dladdr((void *)&printf, &di); /* libc's: dladdr searches under the loader's lock */
    return NULL;
}

static void profiler(void *arg)
{
    (void)arg;
    while (!started)
        go_yield();
    int fd = open("/dev/null", O_WRONLY);
    for (int i = 0; i < 300; i++)
        if (gosan_pprof_write("goroutine", fd, i % 3) == 0)
            taken++;
    close(fd);
    stop = 1;
}

int main(void)
{
    pthread_t t;
    if (pthread_create(&t, NULL, namer, NULL) != 0 || go_spawn(profiler, NULL) != 0)
        return 1;
    pthread_join(t, NULL); /* main's goroutine is in libc while it is profiled */
    printf("%d profiles taken while a thread held the loader's lock\n", taken);
    return 0;
}
