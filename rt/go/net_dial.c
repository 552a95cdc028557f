/* net_dial.c - go_listen, go_dial and socket addresses (Go's net.Listen,
 * net.Dial, Addr.String): TCP over IPv4 and IPv6, and unix stream sockets.
 *
 * Sockets are made non-blocking and close-on-exec from the start, with
 * syscall(2) so that the checker hears of them through the fd hook with the
 * program's call site (netfd.c says why).  Only a host name that is not
 * numeric or "localhost" is looked up with getaddrinfo, which blocks the
 * thread (as Go's cgo resolver does).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#include "hb.h"
#include "netpoll.h"

typedef struct net_addr {
    struct sockaddr_storage sa;
    socklen_t len;
} net_addr;

/* "tcp", "tcp4", "tcp6", "unix": the family to use (AF_UNSPEC: either IP
 * version), or -1. */
static int net_family(const char *network)
{
    if (!network)
        return -1;
    if (!strcmp(network, "tcp"))
        return AF_UNSPEC;
    if (!strcmp(network, "tcp4"))
        return AF_INET;
    if (!strcmp(network, "tcp6"))
        return AF_INET6;
    if (!strcmp(network, "unix"))
        return AF_UNIX;
    return -1;
}

static int unix_addr(const char *path, net_addr *a)
{
    struct sockaddr_un *un = (struct sockaddr_un *)&a->sa;
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof un->sun_path)
        return GO_EINVAL;
    memset(un, 0, sizeof *un);
    un->sun_family = AF_UNIX;
    memcpy(un->sun_path, path, n);
    if (path[0] == '@')
        un->sun_path[0] = 0; /* the abstract namespace */
    a->len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + (path[0] == '@' ? 0 : 1));
    return 0;
}

static int parse_port(const char *s, uint16_t *port)
{
    if (!*s)
        return GO_EINVAL;
    long v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || (v = v * 10 + (*s - '0')) > 65535)
            return GO_EINVAL;
    }
    *port = (uint16_t)v;
    return 0;
}

static void ip_addr(int family, const void *ip, uint16_t port, net_addr *a)
{
    memset(&a->sa, 0, sizeof a->sa);
    if (family == AF_INET) {
        struct sockaddr_in *in = (struct sockaddr_in *)&a->sa;
        in->sin_family = AF_INET;
        in->sin_port = htons(port);
        memcpy(&in->sin_addr, ip, sizeof in->sin_addr);
        a->len = sizeof *in;
    } else {
        struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&a->sa;
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        memcpy(&in6->sin6_addr, ip, sizeof in6->sin6_addr);
        a->len = sizeof *in6;
    }
}

/* A host that is not an address literal: getaddrinfo, first answer of the
 * family wanted. */
static int lookup(const char *host, int family, uint16_t port, net_addr *a)
{
    struct addrinfo hints = {.ai_family = family, .ai_socktype = SOCK_STREAM}, *res = NULL;
    int r = getaddrinfo(host, NULL, &hints, &res);
    if (r != 0 || !res)
        return r == EAI_SYSTEM ? GO_EERRNO(errno) : GO_EERRNO(EHOSTUNREACH);
    const void *ip = res->ai_family == AF_INET ? (const void *)&((struct sockaddr_in *)res->ai_addr)->sin_addr
                                               : (const void *)&((struct sockaddr_in6 *)res->ai_addr)->sin6_addr;
    ip_addr(res->ai_family, ip, port, a);
    freeaddrinfo(res);
    return 0;
}

/* "host:port" of family (AF_UNSPEC: either) into a. */
static int tcp_addr(const char *address, int family, bool listen, net_addr *a)
{
    const char *colon = strrchr(address, ':');
    if (!colon)
        return GO_EINVAL;
    char host[256];
    size_t hl = (size_t)(colon - address);
    const char *h = address;
    if (hl >= 2 && h[0] == '[' && h[hl - 1] == ']') {
        h++;
        hl -= 2;
        if (family == AF_UNSPEC)
            family = AF_INET6;
    } else if (memchr(h, ':', hl)) {
        return GO_EINVAL; /* an IPv6 host needs brackets */
    }
    if (hl >= sizeof host)
        return GO_EINVAL;
    memcpy(host, h, hl);
    host[hl] = 0;
    uint16_t port;
    if (parse_port(colon + 1, &port))
        return GO_EINVAL;
    unsigned char ip[16] = {0};
    if (!host[0] || !strcmp(host, "localhost")) {
        if (family == AF_UNSPEC)
            family = AF_INET;
        if (!host[0] && listen) { /* every address: zeroes */
        } else if (family == AF_INET) {
            inet_pton(AF_INET, "127.0.0.1", ip);
        } else {
            inet_pton(AF_INET6, "::1", ip);
        }
        ip_addr(family, ip, port, a);
        return 0;
    }
    if (family != AF_INET6 && inet_pton(AF_INET, host, ip) == 1) {
        ip_addr(AF_INET, ip, port, a);
        return 0;
    }
    if (family != AF_INET && inet_pton(AF_INET6, host, ip) == 1) {
        ip_addr(AF_INET6, ip, port, a);
        return 0;
    }
    if (hl && (host[0] == ':' || strchr(host, ':')))
        return GO_EINVAL;
    return lookup(host, family, port, a);
}

static int resolve(const char *network, const char *address, bool listen, net_addr *a)
{
    int family = net_family(network);
    if (family < 0 || !address)
        return GO_EINVAL;
    if (family == AF_UNIX)
        return unix_addr(address, a);
    return tcp_addr(address, family, listen, a);
}

/* A non-blocking socket of the address's family, wrapped. */
static int new_socket(const net_addr *a, go_fd **out, void *pc)
{
    int fam = a->sa.ss_family;
    int fd = (int)syscall(SYS_socket, fam, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return GO_EERRNO(errno);
    go_hb_fd(GO_FD_CREATED, fd, -1, NULL, 0, pc);
    int e = 0;
    *out = go_fd_wrap(fd, &e);
    if (!*out) {
        syscall(SYS_close, fd);
        return e == ENOMEM ? GO_ENOMEM : GO_EERRNO(e);
    }
    return 0;
}

static int listen_at(const char *network, const char *address, go_fd **out, void *pc)
{
    *out = NULL;
    net_addr a;
    int err = resolve(network, address, true, &a);
    go_fd *f = NULL;
    if (err || (err = new_socket(&a, &f, pc)))
        return err;
    int one = 1, fd = go_fd_fileno(f);
    if (a.sa.ss_family != AF_UNIX)
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (a.sa.ss_family == AF_INET6 && !strcmp(network, "tcp6"))
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    if (syscall(SYS_bind, fd, &a.sa, a.len) != 0 || syscall(SYS_listen, fd, SOMAXCONN) != 0) {
        err = GO_EERRNO(errno);
        go_fd_close(f);
        return err;
    }
    if (a.sa.ss_family == AF_UNIX && address[0] != '@')
        f->unlink_path = strdup(address);
    *out = f;
    return 0;
}

int go_listen(const char *network, const char *address, go_fd **out)
{
    return listen_at(network, address, out, GO_CALLER_PC());
}

static int dial_at(const char *network, const char *address, int64_t timeout_ns, go_fd **out, void *pc)
{
    *out = NULL;
    net_addr a;
    int err = resolve(network, address, false, &a);
    go_fd *f = NULL;
    if (err || (err = new_socket(&a, &f, pc)))
        return err;
    if (timeout_ns > 0)
        go_fd_set_write_deadline(f, go_now() + timeout_ns);
    err = go_fd_connect_sa(f, &a.sa, a.len, pc);
    if (err) {
        go_fd_close(f);
        return err;
    }
    if (timeout_ns > 0)
        go_fd_set_write_deadline(f, 0);
    *out = f;
    return 0;
}

int go_dial(const char *network, const char *address, go_fd **out)
{
    return dial_at(network, address, 0, out, GO_CALLER_PC());
}

int go_dial_timeout(const char *network, const char *address, int64_t timeout_ns, go_fd **out)
{
    if (timeout_ns <= 0) {
        *out = NULL;
        return GO_ETIMEDOUT;
    }
    return dial_at(network, address, timeout_ns, out, GO_CALLER_PC());
}

/* ---- addresses as text */

static int format_addr(const struct sockaddr_storage *ss, socklen_t len, char *buf, size_t size)
{
    char ip[INET6_ADDRSTRLEN];
    int n;
    switch (ss->ss_family) {
    case AF_INET: {
        const struct sockaddr_in *in = (const struct sockaddr_in *)ss;
        inet_ntop(AF_INET, &in->sin_addr, ip, sizeof ip);
        n = snprintf(buf, size, "%s:%u", ip, ntohs(in->sin_port));
        break;
    }
    case AF_INET6: {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)ss;
        inet_ntop(AF_INET6, &in6->sin6_addr, ip, sizeof ip);
        n = snprintf(buf, size, "[%s]:%u", ip, ntohs(in6->sin6_port));
        break;
    }
    case AF_UNIX: {
        const struct sockaddr_un *un = (const struct sockaddr_un *)ss;
        size_t pl = len > offsetof(struct sockaddr_un, sun_path) ? len - offsetof(struct sockaddr_un, sun_path) : 0;
        if (pl && un->sun_path[0] == 0) /* abstract: "@name" */
            n = snprintf(buf, size, "@%.*s", (int)(pl - 1), un->sun_path + 1);
        else
            n = snprintf(buf, size, "%.*s", (int)strnlen(un->sun_path, pl), un->sun_path);
        break;
    }
    default:
        return GO_EINVAL;
    }
    return n < 0 || (size_t)n >= size ? GO_EINVAL : 0;
}

static int sock_addr(go_fd *f, char *buf, size_t size, bool peer)
{
    if (!buf || !size)
        return GO_EINVAL;
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    memset(&ss, 0, sizeof ss);
    int r = peer ? getpeername(go_fd_fileno(f), (struct sockaddr *)&ss, &len)
                 : getsockname(go_fd_fileno(f), (struct sockaddr *)&ss, &len);
    if (r != 0)
        return GO_EERRNO(errno);
    return format_addr(&ss, len, buf, size);
}

int go_fd_local_addr(go_fd *f, char *buf, size_t size) { return sock_addr(f, buf, size, false); }
int go_fd_remote_addr(go_fd *f, char *buf, size_t size) { return sock_addr(f, buf, size, true); }
