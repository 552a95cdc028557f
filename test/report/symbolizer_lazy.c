// The symbolizer starts at the first symbol needed, not at start-up: before
// the first report the program has no socket open (the symbolizer's) and no
// symbolizer has run; the report starts it and its frames have their
// FILE:LINE.  The start must not disturb the program: fd 0, closed by the
// program, is still the lowest free descriptor after the report (the
// socket's ends are high numbers; test/race/fd_close.c's report on a
// closed descriptor needs them off the lowest free ones too); no SIGCHLD reaches the program's handler and
// its waitpid(-1) finds no child (the start's intermediate process has no
// exit signal and is reaped by gosan).  The same after the program closed
// every descriptor above 2 (the first report after it), and in a forked
// child, which starts its own symbolizer.  With symbolizer_at_start=1 the
// socket is there before any report (EARLY).
// REQUIRES: plugin
// RUN: %gosan-cc -g %s -o %t
// RUN: rm -f %t.pid
// RUN: env GOSAN_TEST_PIDFILE=%t.pid GOSAN_SYMBOLIZER_PATH=%S/Inputs/symbolizer_logged.sh not %t %t.pid 2>&1 | FileCheck %s
// RUN: rm -f %t.pid
// RUN: env GOSAN_TEST_PIDFILE=%t.pid GOSAN_SYMBOLIZER_PATH=%S/Inputs/symbolizer_logged.sh not %t %t.pid closeall 2>&1 | FileCheck %s
// RUN: rm -f %t.pid
// RUN: env GOSAN_OPTIONS=symbolizer_at_start=1 GOSAN_TEST_PIDFILE=%t.pid GOSAN_SYMBOLIZER_PATH=%S/Inputs/symbolizer_logged.sh not %t %t.pid 2>&1 | FileCheck %s --check-prefix=EARLY
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <gosan/go.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int shared_a, shared_b;
static go_wg wg;
static volatile sig_atomic_t sigchld_seen;

static void on_sigchld(int sig) { (void)sig; sigchld_seen++; }

static void write_a(void *p) { shared_a = (int)(long)p; go_wg_done(&wg); }
static void write_b(void *p) { shared_b = (int)(long)p; go_wg_done(&wg); }

static void race(void (*fn)(void *))
{
    go_wg_add(&wg, 2);
    go_spawn(fn, (void *)1);
    go_spawn(fn, (void *)2);
    go_wg_wait(&wg);
}

/* Sockets among our open descriptors; the lowest one's number. */
static int lowest_socket;
static int sockets_open(void)
{
    lowest_socket = -1;
    DIR *d = opendir("/proc/self/fd");
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        struct stat st;
        if (e->d_name[0] != '.' && fstatat(dirfd(d), e->d_name, &st, 0) == 0 && S_ISSOCK(st.st_mode)) {
            n++;
            if (lowest_socket < 0 || atoi(e->d_name) < lowest_socket)
                lowest_socket = atoi(e->d_name);
        }
    }
    closedir(d);
    return n;
}

int main(int argc, char **argv)
{
    const char *pidfile = argv[1];
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigchld;
    sigaction(SIGCHLD, &sa, NULL);

    struct timespec nap = {0, 200 * 1000000};
    nanosleep(&nap, NULL); /* time for a symbolizer started at start-up to record its pid */
    int early = sockets_open();
    if (early || access(pidfile, F_OK) == 0)
        fprintf(stderr, "symbolizer before the first report: %d socket(s)%s\n", early,
                access(pidfile, F_OK) == 0 ? ", pid recorded" : "");
    else
        fprintf(stderr, "no symbolizer before the first report\n");
    if (argc > 2 && strcmp(argv[2], "closeall") == 0)
        for (int fd = 3; fd < 1024; fd++)
            close(fd);
    close(0);

    race(write_a);

    int fd = open("/dev/null", O_RDONLY);
    int nsock = sockets_open();
    fprintf(stderr, "after the report: open gives fd %d, %d socket(s) (%s), pid %s, SIGCHLD %d, waitpid(-1) %s\n", fd,
            nsock, lowest_socket > 100 ? "high" : "low", access(pidfile, F_OK) == 0 ? "recorded" : "missing", (int)sigchld_seen,
            waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD ? "ECHILD" : "found a child");

    pid_t pid = fork();
    if (pid == 0) {
        race(write_b);
        exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    fprintf(stderr, "child status %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return 0;
}
// CHECK: no symbolizer before the first report
// CHECK: WARNING: gosan: data race
// CHECK: write_a {{.*}}symbolizer_lazy.c:{{[0-9]+}}:{{[0-9]+}}
// CHECK: SUMMARY: gosan: data race {{.*}}symbolizer_lazy.c:{{[0-9]+}} in write_a
// CHECK: after the report: open gives fd 0, 1 socket(s) (high), pid recorded, SIGCHLD 0, waitpid(-1) ECHILD
// CHECK: WARNING: gosan: data race
// CHECK: write_b {{.*}}symbolizer_lazy.c:{{[0-9]+}}:{{[0-9]+}}
// CHECK: SUMMARY: gosan: data race {{.*}}symbolizer_lazy.c:{{[0-9]+}} in write_b
// CHECK: child status 66
// EARLY: symbolizer before the first report: 1 socket(s), pid recorded
// EARLY: WARNING: gosan: data race
// EARLY: write_a {{.*}}symbolizer_lazy.c:
