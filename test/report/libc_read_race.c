// Memory that libc writes for the program (read(2) into a buffer) races
// with the program's own accesses like any store.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: not %t 2>&1 | FileCheck %s
#include <fcntl.h>
#include <gosan/go.h>
#include <string.h>
#include <unistd.h>

static char buf[16];
static go_wg wg;

static void fill(void *arg)
{
    int fd = open("/dev/zero", O_RDONLY);
    if (fd >= 0) {
        read(fd, buf, sizeof buf);
        close(fd);
    }
    go_wg_done(&wg);
}

static void look(void *arg)
{
    (void)strlen(buf);
    go_wg_done(&wg);
}

int main(void)
{
    go_wg_add(&wg, 2);
    go_spawn(fill, NULL);
    go_spawn(look, NULL);
    go_wg_wait(&wg);
    return 0;
}
// CHECK: WARNING: gosan: data race
// CHECK-DAG: {{fill|look}} {{.*}}libc_read_race.c
// CHECK: SUMMARY: gosan: data race {{.*}}libc_read_race.c:{{18|26}} in {{fill|look}}
