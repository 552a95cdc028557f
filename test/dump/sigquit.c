// With dump_on_sigquit=1 a SIGQUIT dumps every goroutine to the report
// stream and the program goes on (a dump is not a report: status 0).  The
// program sends itself SIGQUIT, then waits (bounded) until the dump is in
// its log file.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: rm -f %t.log.*
// RUN: env GOSAN_OPTIONS=dump_on_sigquit=1:log_path=%t.log %t %t.log > %t.out 2>&1
// RUN: FileCheck --check-prefix=OUT %s < %t.out
// RUN: cat %t.log.* | FileCheck %s
#include <gosan/go.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static go_chan *c;

static void waiter(void *arg)
{
    (void)arg;
    go_chan_recv(c, NULL); // waiter waits here
}

/* true once the log holds the end of goroutine 1's entry */
static int dumped(const char *path)
{
    char buf[65536];
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    return strstr(buf, "waiter(...)") != NULL;
}

int main(int argc, char **argv)
{
    char path[4096];
    snprintf(path, sizeof path, "%s.%d", argc > 1 ? argv[1] : "log", (int)getpid());
    c = go_chan_make(0, 0);
    go_spawn(waiter, NULL);
    go_sleep(10 * 1000000ll);
    kill(getpid(), SIGQUIT);
    int i = 0;
    while (!dumped(path) && i++ < 1000)
        go_sleep(10 * 1000000ll);
    printf("main goes on after SIGQUIT: %s\n", dumped(path) ? "dumped" : "no dump");
    go_chan_close(c);
    return 0;
}
// OUT: main goes on after SIGQUIT: dumped
// CHECK: SIGQUIT: goroutine dump (pid={{[0-9]+}}); the program goes on
// CHECK: goroutine {{[0-9]+}} [chan receive]:
// CHECK-NEXT: waiter(...)
// CHECK-NEXT: {{.*}}sigquit.c:22
// CHECK-NEXT: created by main in goroutine 1
