// go_listen, go_dial and go_fd_accept over TCP (IPv4 and IPv6 loopback,
// ephemeral ports) and unix sockets (a path, removed at close, and the
// abstract namespace): an accept that waits parks until a dial arrives;
// data both ways; the addresses of both ends; a dial nobody listens for
// (connection refused); a listener closed under a blocked accept
// (GO_EFDCLOSED); malformed networks and addresses (GO_EINVAL).
// RUN: %plain-cc %s -o %t && %t | FileCheck %s
// RUN: env GOSAN_MAXPROCS=1 %t | FileCheck %s
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t-checked && %t-checked 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <gosan/net.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static go_wg wg;

typedef struct server {
    go_fd *l;
    const char *name;
} server;

/* Accepts one connection, echoes what it reads in upper case until EOF. */
static void echo_server(void *arg)
{
    server *s = arg;
    go_fd *c;
    int err = go_fd_accept(s->l, &c);
    if (err) {
        printf("%s: accept: %s\n", s->name, go_strerror(err));
        go_wg_done(&wg);
        return;
    }
    char buf[64];
    ssize_t n;
    while ((n = go_fd_read(c, buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++)
            buf[i] = (char)(buf[i] >= 'a' && buf[i] <= 'z' ? buf[i] - 32 : buf[i]);
        go_fd_write(c, buf, (size_t)n);
    }
    go_fd_close(c);
    go_wg_done(&wg);
}

static void round_trip(const char *network, const char *address)
{
    server s = {NULL, network};
    int err = go_listen(network, address, &s.l);
    if (err && !strcmp(network, "tcp6") && (go_errno(err) == EADDRNOTAVAIL || go_errno(err) == EAFNOSUPPORT)) {
        printf("%s: skipped: no IPv6 loopback here\n", network);
        return;
    }
    if (err) {
        printf("%s: listen %s: %s\n", network, address, go_strerror(err));
        return;
    }
    char la[128], ca[128], cra[128];
    go_fd_local_addr(s.l, la, sizeof la);
    go_wg_add(&wg, 1);
    go_spawn(echo_server, &s);
    go_sleep(10 * 1000 * 1000); /* the accept parks first */
    go_fd *c;
    err = go_dial(network, la, &c);
    if (err) {
        printf("%s: dial %s: %s\n", network, la, go_strerror(err));
        exit(1);
    }
    go_fd_local_addr(c, ca, sizeof ca);
    go_fd_remote_addr(c, cra, sizeof cra);
    go_fd_write(c, "ping", 4);
    char buf[8] = {0};
    ssize_t n = go_fd_read(c, buf, sizeof buf - 1);
    go_fd_close(c);
    go_wg_wait(&wg);
    printf("%s: %zd '%s', dialled the listener: %d, port chosen: %d\n", network, n, buf, !strcmp(cra, la),
           strcmp(la, address) != 0);
    if (!strcmp(network, "unix"))
        printf("unix listener %s: %s, client '%s'\n", la, !strcmp(la, address) ? "same path" : la, ca);
    go_fd_close(s.l);
}

int main(void)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/gosan-net-%d.sock", (int)getpid());

    round_trip("tcp", "127.0.0.1:0");
    // CHECK: tcp: 4 'PING', dialled the listener: 1, port chosen: 1
    round_trip("tcp4", "localhost:0");
    // CHECK-NEXT: tcp4: 4 'PING', dialled the listener: 1, port chosen: 1
    round_trip("tcp6", "[::1]:0");
    // CHECK-NEXT: tcp6: {{4 'PING', dialled the listener: 1, port chosen: 1|skipped: no IPv6 loopback here}}
    round_trip("unix", path);
    // CHECK-NEXT: unix: 4 'PING', dialled the listener: 1, port chosen: 0
    // CHECK-NEXT: unix listener /tmp/gosan-net-{{[0-9]+}}.sock: same path, client ''
    printf("path removed at close: %d\n", access(path, F_OK) != 0);
    // CHECK-NEXT: path removed at close: 1
    char abs[64];
    snprintf(abs, sizeof abs, "@gosan-net-%d", (int)getpid());
    round_trip("unix", abs);
    // CHECK-NEXT: unix: 4 'PING', dialled the listener: 1, port chosen: 0
    // CHECK-NEXT: unix listener @gosan-net-{{[0-9]+}}: same path, client ''

    /* a port nobody listens on: listen, note the port, close */
    go_fd *l, *c;
    char la[64];
    go_listen("tcp", "127.0.0.1:0", &l);
    go_fd_local_addr(l, la, sizeof la);
    go_fd_close(l);
    int err = go_dial("tcp", la, &c);
    printf("refused: %d %s\n", go_errno(err) == ECONNREFUSED, go_strerror(err));
    // CHECK-NEXT: refused: 1 Connection refused
    err = go_dial_timeout("tcp", la, 1000 * 1000 * 1000, &c);
    printf("refused with a timeout: %d\n", go_errno(err) == ECONNREFUSED);
    // CHECK-NEXT: refused with a timeout: 1

    /* an accept with a deadline, and a dial with a timeout that connects */
    go_listen("tcp", "127.0.0.1:0", &l);
    go_fd_set_read_deadline(l, go_now() + 10 * 1000 * 1000);
    printf("accept deadline: %s\n", go_strerror(go_fd_accept(l, &c)));
    go_fd_set_read_deadline(l, 0);
    go_fd_local_addr(l, la, sizeof la);
    go_fd *acc = NULL;
    err = go_dial_timeout("tcp", la, 1000 * 1000 * 1000, &c);
    printf("dial with a timeout: %d, accepted: %d\n", err, go_fd_accept(l, &acc));
    go_fd_close(c);
    go_fd_close(acc);
    go_fd_close(l);
    // CHECK-NEXT: accept deadline: deadline passed
    // CHECK-NEXT: dial with a timeout: 0, accepted: 0

    /* a listener closed under a blocked accept */
    server s = {NULL, "closed listener"};
    go_listen("tcp", "127.0.0.1:0", &s.l);
    go_wg_add(&wg, 1);
    go_spawn(echo_server, &s);
    go_sleep(10 * 1000 * 1000);
    printf("close: %d\n", go_fd_close(s.l));
    go_wg_wait(&wg);
    // CHECK-DAG: closed listener: accept: use of closed file descriptor
    // CHECK-DAG: close: 0

    const char *bad[][2] = {{"udp", "127.0.0.1:0"}, {"tcp", "127.0.0.1"}, {"tcp", "::1:80"},
                            {"tcp", "127.0.0.1:65536"}, {"tcp", "127.0.0.1:http"}, {"tcp4", "[::1]:0"},
                            {"unix", ""}, {NULL, ":0"}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        l = (go_fd *)1;
        err = go_listen(bad[i][0], bad[i][1], &l);
        printf("%s %s: %s%s\n", bad[i][0] ? bad[i][0] : "(null)", bad[i][1], go_strerror(err), l ? " (out set)" : "");
    }
    // CHECK: udp 127.0.0.1:0: invalid argument
    // CHECK-NEXT: tcp 127.0.0.1: invalid argument
    // CHECK-NEXT: tcp ::1:80: invalid argument
    // CHECK-NEXT: tcp 127.0.0.1:65536: invalid argument
    // CHECK-NEXT: tcp 127.0.0.1:http: invalid argument
    // CHECK-NEXT: tcp4 [::1]:0: invalid argument
    // CHECK-NEXT: unix : invalid argument
    // CHECK-NEXT: (null) :0: invalid argument
    printf("done\n");
    // CHECK-NEXT: done
    return 0;
}
