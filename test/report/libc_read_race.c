// Memory that libc writes for the program (read(2) into a buffer) races
// with the program's own accesses like any store; here with the bytes
// strlen reads.  strlen's result is used: a call to it whose result is
// dropped is dead code that the compiler removes even at -O0.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: not %t 2>&1 | FileCheck %s
// CHECK: WARNING: gosan: data race
#include <fcntl.h>
#include <gosan/go.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char buf[16];
static size_t looked;
static go_wg wg;

static void fill(void *arg)
{
    int fd = open("/dev/zero", O_RDONLY);
    if (fd >= 0) {
        // CHECK-DAG: fill {{.*}}libc_read_race.c:[[@LINE+1]]
        ssize_t n = read(fd, buf, sizeof buf);
        (void)n;
        close(fd);
    }
    go_wg_done(&wg);
}

static void look(void *arg)
{
    // CHECK-DAG: look {{.*}}libc_read_race.c:[[@LINE+1]]
    looked = strlen(buf);
    go_wg_done(&wg);
}

int main(void)
{
    go_wg_add(&wg, 2);
    go_spawn(fill, NULL);
    go_spawn(look, NULL);
    go_wg_wait(&wg);
    printf("strlen=%zu\n", looked);
    return 0;
}
// CHECK: SUMMARY: gosan: data race {{.*}}libc_read_race.c:{{[0-9]+}} in {{fill|look}}
// CHECK: strlen=0
