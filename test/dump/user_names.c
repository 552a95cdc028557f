// gosan_dump drops gosan's frames by address, not by name: the program's
// own functions named like gosan's (go_*, gosan_*, gs_*) are shown.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: %t > %t.dump 2>&1
// RUN: FileCheck --check-prefix=SELF %s < %t.dump
// RUN: grep -A6 'chan receive' %t.dump | FileCheck --check-prefix=RX %s
#include <gosan/go.h>
#include <gosan/gosan.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static go_chan *c;
static go_wg started;

__attribute__((noinline)) void go_recv_one(void)
{
    go_wg_done(&started);
    go_chan_recv(c, NULL); // go_recv_one waits here
}

__attribute__((noinline)) void gs_receiver(void *arg)
{
    (void)arg;
    go_recv_one();
}

__attribute__((noinline)) void gosan_dump_all(void)
{
    gosan_dump(1); // gosan_dump_all dumps here
}

int main(void)
{
    c = go_chan_make(0, 0);
    go_wg_add(&started, 1);
    go_spawn(gs_receiver, NULL);
    go_wg_wait(&started);
    /* The receiver parks right after signalling: dump into a scratch file
     * until it shows as parked (bounded: 10 s). */
    static char buf[1 << 16];
    FILE *f = tmpfile();
    for (int i = 0; f && i < 1000; i++) {
        (void)!ftruncate(fileno(f), 0);
        lseek(fileno(f), 0, SEEK_SET);
        gosan_dump(fileno(f));
        ssize_t n = pread(fileno(f), buf, sizeof buf - 1, 0);
        buf[n > 0 ? n : 0] = 0;
        if (strstr(buf, "[chan receive]"))
            break;
        go_sleep(10 * 1000000ll);
    }
    gosan_dump_all();
    go_chan_close(c);
    return 0;
}
// SELF: goroutine 1 [running]:
// SELF-NEXT: gosan_dump_all(...)
// SELF-NEXT: {{.*}}user_names.c:31
// SELF-NEXT: main(...)

// RX: [chan receive]:
// RX-NEXT: go_recv_one(...)
// RX-NEXT: {{.*}}user_names.c:20
// RX-NEXT: gs_receiver(...)
// RX-NEXT: {{.*}}user_names.c:26
// RX-NEXT: created by main in goroutine 1
