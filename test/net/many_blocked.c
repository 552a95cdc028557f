// 1000 goroutines blocked reading pipes with one processor cost no thread
// each: they park in "IO wait", and the process keeps a handful of threads
// (counted in /proc/self/task), where a blocking read(2) per goroutine
// would have the monitor hand the processor to a new thread every 10 ms.
// Then a write to each pipe wakes them all.  Pipes are shared by up to 10
// readers if the descriptor limit is low (each waits its turn, parked too).
// RUN: %plain-cc %s -o %t && env GOSAN_MAXPROCS=1 %t | FileCheck %s
// RUN: %t | FileCheck %s
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t-checked && env GOSAN_MAXPROCS=1 %t-checked 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <gosan/net.h>
#include <dirent.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#define NG 1000

static go_fd *rd[NG], *wr[NG];
static int npipes;
static go_wg wg;
static atomic_int got;

static int threads(void)
{
    int n = 0;
    DIR *d = opendir("/proc/self/task");
    struct dirent *e;
    while (d && (e = readdir(d)))
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

static void reader(void *arg)
{
    char c;
    if (go_fd_read(rd[(intptr_t)arg % npipes], &c, 1) == 1 && c == 'x')
        atomic_fetch_add(&got, 1);
    go_wg_done(&wg);
}

int main(void)
{
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
    getrlimit(RLIMIT_NOFILE, &rl);
    npipes = rl.rlim_cur > 2 * NG + 64 ? NG : (int)(rl.rlim_cur - 64) / 2;
    if (npipes < NG / 10)
        npipes = NG / 10;
    for (int i = 0; i < npipes; i++) {
        int p[2];
        if (pipe(p) || !(rd[i] = go_fd_open(p[0])) || !(wr[i] = go_fd_open(p[1]))) {
            perror("pipe");
            return 1;
        }
    }
    int before = threads();
    go_wg_add(&wg, NG);
    for (intptr_t i = 0; i < NG; i++)
        go_spawn(reader, (void *)i);
    go_sleep(100 * 1000 * 1000); /* every reader parks; a blocking read would add threads meanwhile */
    int during = threads();
    printf("goroutines %d, threads added while they wait: few %d\n", go_num_goroutine(), during - before <= 3);
    if (during - before > 3)
        printf("threads before %d, during %d\n", before, during);
    // CHECK: goroutines 1001, threads added while they wait: few 1
    for (int i = 0; i < NG; i++)
        go_fd_write(wr[i % npipes], "x", 1);
    go_wg_wait(&wg);
    printf("read by %d\n", atomic_load(&got));
    // CHECK-NEXT: read by 1000
    return 0;
}
