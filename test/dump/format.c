// gosan_dump writes every goroutine in Go's traceback style: a header
// `goroutine N [state]:` (the wait reason for a parked goroutine, minutes
// once it waited one), pprof-style labels, `FUNC(...)` / tab FILE:LINE
// frames, and `created by FUNC in goroutine M` with its location.  The
// caller comes first.  A goroutine the reachability scan proves can never
// wake is marked `stuck`.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: %t > %t.dump 2>&1
// RUN: FileCheck --check-prefix=SELF %s < %t.dump
// RUN: grep -A5 'labels: {"job":"rx"}' %t.dump | FileCheck --check-prefix=RX %s
// RUN: grep -B1 -A5 '^sleeper(' %t.dump | FileCheck --check-prefix=SLEEP %s
// RUN: grep -A4 'stuck\]' %t.dump | FileCheck --check-prefix=STUCK %s
#include <gosan/go.h>
#include <gosan/gosan.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static go_chan *c;
static go_wg started;

static void receiver(void *arg)
{
    (void)arg;
    go_label_set("job", "rx");
    go_wg_done(&started);
    go_chan_recv(c, NULL); // receiver waits here
}

static void sleeper(void *arg)
{
    (void)arg;
    go_wg_done(&started);
    go_sleep(60ll * 1000000000); // sleeper sleeps here
}

static void lost(void *arg)
{
    go_wg_done(&started);
    go_chan_recv(arg, NULL); // nobody else can reach this channel
}

__attribute__((noinline)) static void start_lost(void)
{
    go_spawn(lost, go_chan_make(0, 0));
}

__attribute__((noinline)) static void clobber_stack(void)
{
    volatile char buf[8192];
    memset((char *)buf, 0, sizeof buf);
}

/* Dumps into a scratch file until the three goroutines, which signalled
 * `started` just before parking, show as parked (bounded: 10 s). */
static void wait_parked(void)
{
    static char buf[1 << 16];
    FILE *f = tmpfile();
    int fd = f ? fileno(f) : -1;
    for (int i = 0; fd >= 0 && i < 1000; i++) {
        (void)!ftruncate(fd, 0);
        lseek(fd, 0, SEEK_SET);
        gosan_dump(fd);
        ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
        buf[n > 0 ? n : 0] = 0;
        if (strstr(buf, "[chan receive]") && strstr(buf, "[sleep]") && strstr(buf, "stuck]"))
            break;
        go_sleep(10 * 1000000ll);
    }
    if (f)
        fclose(f);
}

int main(void)
{
    c = go_chan_make(0, 0);
    go_wg_add(&started, 3);
    go_spawn(receiver, NULL); // receiver created here
    go_spawn(sleeper, NULL);
    start_lost();
    go_wg_wait(&started);
    clobber_stack();
    wait_parked();
    gosan_dump(1);            // main dumps here
    go_chan_close(c);
    return 0;
}
// SELF: goroutine 1 [running]:
// SELF-NEXT: main(...)
// SELF-NEXT: {{.*}}format.c:87
// SELF-EMPTY:

// RX: labels: {"job":"rx"}
// RX-NEXT: receiver(...)
// RX-NEXT: {{.*}}format.c:29
// RX-NEXT: created by main in goroutine 1
// RX-NEXT: {{.*}}format.c:81

// SLEEP: goroutine {{[0-9]+}} [sleep]:
// SLEEP-NEXT: sleeper(...)
// SLEEP-NEXT: {{.*}}format.c:36
// SLEEP-NEXT: created by main in goroutine 1

// STUCK: goroutine {{[0-9]+}} [chan receive, stuck]:
// STUCK-NEXT: lost(...)
// STUCK-NEXT: {{.*}}format.c:42
// STUCK-NEXT: created by start_lost in goroutine 1
