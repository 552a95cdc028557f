// A goroutine waiting for a descriptor can be woken from outside the
// process, so a program whose goroutines all wait, one of them on a
// descriptor, is not "all goroutines are asleep": here main reads a pipe
// that a child process writes 300 ms later, while another goroutine waits
// for main on a channel.  (Go's rule: goroutines in IO wait keep the
// deadlock check quiet.)  Once the data came, the program ends normally.
// RUN: %plain-cc %s -o %t && %t 2>&1 | FileCheck %s
// RUN: env GOSAN_MAXPROCS=1 %t 2>&1 | FileCheck %s
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t-checked && %t-checked 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <gosan/net.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static go_chan *ch;
static go_wg wg;

static void waiter(void *arg)
{
    int v = 0;
    go_chan_recv(ch, &v);
    printf("waiter got %d\n", v);
    go_wg_done(&wg);
}

int main(void)
{
    int p[2];
    if (pipe(p))
        return 1;
    pid_t pid = fork();
    if (pid == 0) {
        usleep(300 * 1000);
        if (write(p[1], "x", 1) != 1)
            _exit(1);
        _exit(0);
    }
    close(p[1]);
    ch = go_chan_make(sizeof(int), 0);
    go_wg_add(&wg, 1);
    go_spawn(waiter, NULL);
    go_fd *r = go_fd_open(p[0]);
    char c = 0;
    ssize_t n = go_fd_read(r, &c, 1);
    printf("main read %zd '%c'\n", n, c);
    int v = 42;
    go_chan_send(ch, &v);
    go_wg_wait(&wg);
    go_fd_close(r);
    waitpid(pid, NULL, 0);
    printf("done\n");
    return 0;
}
// CHECK-NOT: asleep
// CHECK-NOT: deadlock
// CHECK: main read 1 'x'
// CHECK-NEXT: waiter got 42
// CHECK-NEXT: done
