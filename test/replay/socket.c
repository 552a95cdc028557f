// A recording of a server that accepts a connection on a unix socket and
// reads what the client sends replays with the client gone: the accept
// and the reads are answered from the log (the connection is /dev/null);
// the log holds one accept that succeeded.
// RUN: %plain-cc -O1 %s -o %t
// RUN: rm -f %t.sock
// RUN: python3 -c "import socket,time,sys; s=socket.socket(socket.AF_UNIX); [time.sleep(0.05) for _ in range(200) if s.connect_ex(sys.argv[1])]; s.sendall(b'ping from peer\n'); s.close()" %t.sock & \
// RUN:   env GOSAN_RECORD=%t.log %t %t.sock > %t.rec; wait
// RUN: FileCheck %s < %t.rec
// RUN: grep -c '^accept = [0-9]' %t.log | FileCheck --check-prefix=ONE %s
// RUN: env GOSAN_REPLAY=%t.log %t %t.sock > %t.rep && diff %t.rec %t.rep
// CHECK: server read: ping from peer
// ONE: 1
#include <gosan/go.h>
#include <gosan/net.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    (void)argc;
    unlink(argv[1]);
    go_fd *l, *c;
    if (go_listen("unix", argv[1], &l) != 0 || go_fd_accept(l, &c) != 0)
        return 1;
    char buf[128];
    size_t len = 0;
    ssize_t r;
    while (len < sizeof buf - 1 && (r = go_fd_read(c, buf + len, sizeof buf - 1 - len)) > 0)
        len += (size_t)r;
    buf[len] = 0;
    printf("server read: %s", buf);
    go_fd_close(c);
    go_fd_close(l);
    return 0;
}
