// Goroutines parked in four different ways, and main stopped in
// stop_here() once each of them has parked: with one processor, a goroutine
// runs until it blocks, so after main has yielded a few times every goroutine
// spawned before is parked (no timing involved).  With an argument, a
// goroutine aborts instead, for the crash-core test.
#include <gosan/go.h>
#include <stdio.h>
#include <stdlib.h>

static go_chan *requests;
static go_mutex table_lock;

static void receiver(void *arg)
{
    volatile int request_id = 40 + (int)(long)arg;
    go_label_set("job", "rx");
    go_chan_recv(requests, NULL); // receiver parks here
    printf("%d\n", request_id);
}

static void locker(void *arg)
{
    (void)arg;
    go_mutex_lock(&table_lock); // locker parks here
    go_mutex_unlock(&table_lock);
}

static void sleeper(void *arg)
{
    (void)arg;
    go_sleep(3600ll * 1000000000); // sleeper parks here
}

static void crasher(void *arg)
{
    (void)arg;
    go_label_set("job", "crash");
    abort(); // crasher dies here
}

__attribute__((noinline)) void stop_here(void)
{
    __asm__ volatile("" ::: "memory");
}

int main(int argc, char **argv)
{
    (void)argv;
    go_maxprocs(1);
    requests = go_chan_make(0, 0);
    go_mutex_lock(&table_lock);
    go_spawn(receiver, (void *)2);
    go_spawn(locker, NULL);
    go_spawn(sleeper, NULL);
    if (argc > 1)
        go_spawn(crasher, NULL);
    for (int i = 0; i < 10; i++)
        go_yield();
    stop_here();
    return 0;
}
