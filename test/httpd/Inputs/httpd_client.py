#!/usr/bin/env python3
"""httpd_client.py - drives gosan-httpd for test/httpd: starts the server on
an ephemeral loopback port, runs one scenario, checks every response, sends
SIGTERM and reports the exit status and the server's stderr.

    httpd_client.py SCENARIO SERVER [SERVER FLAGS...]

Prints one line per check ("keepalive: 2000 responses ok") and any mismatch
as "FAIL: ...", then "exit N" and the server's stderr, for FileCheck.
Exits 1 on a failed check.
"""
import os
import signal
import socket
import subprocess
import sys
import threading
import time

HELLO = b"hello"
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, flush=True)


def connect(addr, timeout=20):
    host, port = addr.rsplit(":", 1)
    s = socket.create_connection((host, int(port)), timeout=timeout)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


class Reader:
    """Reads responses off one connection (Content-Length framing)."""

    def __init__(self, sock):
        self.sock = sock
        self.buf = b""

    def _fill(self):
        data = self.sock.recv(65536)
        if not data:
            raise EOFError("connection closed")
        self.buf += data

    def response(self):
        while b"\r\n\r\n" not in self.buf:
            self._fill()
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ")[1])
        headers = {}
        for line in lines[1:]:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
        n = int(headers.get("content-length", "0"))
        while len(self.buf) < n:
            self._fill()
        body, self.buf = self.buf[:n], self.buf[n:]
        return status, headers, body

    def closed(self, timeout=5):
        """True if the peer closes with nothing more to read."""
        self.sock.settimeout(timeout)
        try:
            return self.buf == b"" and self.sock.recv(1) == b""
        except (socket.timeout, ConnectionResetError):
            return False


def get(path, extra=""):
    return ("GET %s HTTP/1.1\r\nHost: t\r\n%s\r\n" % (path, extra)).encode()


class Server:
    def __init__(self, argv):
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        line = self.proc.stdout.readline().decode().strip()
        if not line:
            print("server did not start: " + self.proc.stderr.read().decode())
            sys.exit(1)
        self.addr = line
        self.debug = None
        if "-debug" in argv:
            self.debug = self.proc.stdout.readline().decode().split()[1]

    def rss_kib(self):
        with open("/proc/%d/status" % self.proc.pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def stop(self, timeout=30):
        self.proc.send_signal(signal.SIGTERM)
        return self.finish(timeout)

    def finish(self, timeout=30):
        try:
            _, err = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
            fail("server did not exit within %ds" % timeout)
        print("exit %d" % self.proc.returncode)
        sys.stdout.write(err.decode("utf-8", "replace"))
        return self.proc.returncode


def expect_hello(resp, what):
    status, headers, body = resp
    if status != 200 or body != HELLO or headers.get("content-type") != "text/plain":
        fail("%s: got %d %r %r" % (what, status, headers, body))
        return False
    return True


def expect_json(resp, what):
    status, headers, body = resp
    if status != 200 or not body.startswith(b'{"version":') or not body.endswith(b"]}\n") \
            or body.count(b'"id":') != 16:
        fail("%s: got %d %r" % (what, status, body[:80]))
        return False
    return True


# ------------------------------------------------------------------ scenarios

def keepalive(srv, conns=50, per_conn=40):
    """conns concurrent keep-alive connections, per_conn requests each."""
    ok = [0] * conns

    def worker(i):
        try:
            s = connect(srv.addr)
            r = Reader(s)
            for j in range(per_conn):
                if j % 2:
                    s.sendall(get("/json"))
                    ok[i] += expect_json(r.response(), "conn %d req %d" % (i, j))
                else:
                    s.sendall(get("/hello"))
                    ok[i] += expect_hello(r.response(), "conn %d req %d" % (i, j))
            s.close()
        except Exception as e:  # noqa: BLE001 - any error is a failed check
            fail("conn %d: %r" % (i, e))

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(conns)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("keepalive: %d of %d responses ok" % (sum(ok), conns * per_conn), flush=True)


def pipeline(srv, n=100):
    """n requests in one go, sent in odd-sized pieces; answers in order."""
    reqs = b""
    for i in range(n):
        reqs += get("/slow?ms=%d" % (i % 3)) if i % 4 == 3 else get("/hello" if i % 2 == 0 else "/json")
    s = connect(srv.addr)
    for k in range(0, len(reqs), 37):
        s.sendall(reqs[k:k + 37])
    r = Reader(s)
    good = 0
    for i in range(n):
        resp = r.response()
        if i % 4 == 3:
            want = b"slept %d\n" % (i % 3)
            if resp[0] == 200 and resp[2] == want:
                good += 1
            else:
                fail("pipelined %d: got %d %r, want %r" % (i, resp[0], resp[2], want))
        elif i % 2 == 0:
            good += expect_hello(resp, "pipelined %d" % i)
        else:
            good += expect_json(resp, "pipelined %d" % i)
    s.close()
    print("pipeline: %d of %d responses in order" % (good, n), flush=True)


def refused(srv, name, data, want):
    """Sends data on a fresh connection: want's status, then the close."""
    s = connect(srv.addr)
    s.sendall(data)
    r = Reader(s)
    try:
        status, headers, _ = r.response()
    except (EOFError, ConnectionResetError) as e:
        fail("%s: no response (%r)" % (name, e))
        return
    closed = r.closed()
    print("%s: %d%s" % (name, status, ", closed" if closed else ", left open"), flush=True)
    if status != want or not closed or headers.get("connection") != "close":
        fail("%s: want %d and close" % (name, want))
    s.close()


def limits(srv):
    refused(srv, "oversized header", get("/hello", "X-Big: %s\r\n" % ("a" * 10000)), 431)
    refused(srv, "too many headers", get("/hello", "".join("X-%d: v\r\n" % i for i in range(100))), 431)
    refused(srv, "oversized body", b"POST /json/bump HTTP/1.1\r\nHost: t\r\nContent-Length: 2000000\r\n\r\n", 413)
    refused(srv, "garbage", bytes(range(0x16, 0x16 + 64)) + b"\r\n\r\n", 400)
    refused(srv, "garbage line", b"this is not http\r\n\r\n", 400)
    refused(srv, "unterminated garbage", b"\x00\x01\x02 no blank line", 400)
    refused(srv, "bad version", b"GET /hello HTTP/2.0\r\n\r\n", 505)
    refused(srv, "chunked", b"POST /json/bump HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", 501)
    refused(srv, "conflicting lengths", b"POST /json/bump HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400)
    # A body larger than the connection's first buffer, then a request
    # pipelined behind it on the same connection.
    s = connect(srv.addr)
    s.sendall(b"POST /json/bump?x=1 HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n" +
              b"b" * 100000 + get("/hello"))
    r = Reader(s)
    status, _, body = r.response()
    if status == 200 and body.strip().isdigit() and expect_hello(r.response(), "after a large body"):
        print("large body: 200, then the next request", flush=True)
    else:
        fail("large body: %d %r" % (status, body))
    s.close()
    # The server still serves after all that.
    s = connect(srv.addr)
    s.sendall(get("/hello"))
    if expect_hello(Reader(s).response(), "after refusals"):
        print("still serving", flush=True)


def slowloris(srv, conns=200):
    """conns connections trickling a head that never ends: each gets 408 and
    is closed once -read-timeout passes; memory stays bounded; the server
    keeps serving meanwhile."""
    socks = []
    for _ in range(conns):
        s = connect(srv.addr)
        s.sendall(b"GET /hello HTTP/1.1\r\nHost: t\r\n" + b"X-Pad: " + b"p" * 6000)
        socks.append(s)
    start = time.monotonic()
    base = srv.rss_kib()
    t = connect(srv.addr)
    t.sendall(get("/hello"))
    if expect_hello(Reader(t).response(), "during slowloris"):
        print("served during slowloris", flush=True)
    for k in range(3):  # trickle a byte per connection
        for s in socks:
            try:
                s.sendall(b"p")
            except OSError:
                pass
        time.sleep(0.05)
    rss = srv.rss_kib()
    timed_out = 0
    for s in socks:
        r = Reader(s)
        try:
            status, _, _ = r.response()
            if status == 408 and r.closed():
                timed_out += 1
        except (EOFError, OSError):
            pass
        s.close()
    took = time.monotonic() - start
    print("slowloris: %d of %d got 408 and close" % (timed_out, conns), flush=True)
    if took > 15:
        fail("slowloris: took %.1fs" % took)
    # 200 connections with 6 KB of head each: about 1.6 MB of buffers.
    if rss > 64 * 1024:
        fail("slowloris: rss %d KiB (at start %d)" % (rss, base))
    else:
        print("slowloris: rss bounded", flush=True)


def shutdown(srv, busy=20):
    """SIGTERM while busy: every in-flight request completes (with
    Connection: close), idle connections are closed, new ones refused, exit 0."""
    idle = connect(srv.addr)
    idle.sendall(get("/hello"))
    idle_r = Reader(idle)
    expect_hello(idle_r.response(), "idle conn")
    socks = []
    for i in range(busy):
        s = connect(srv.addr)
        s.sendall(get("/slow?ms=600"))
        socks.append(s)
    time.sleep(0.2)
    srv.proc.send_signal(signal.SIGTERM)
    done = 0
    for s in socks:
        r = Reader(s)
        try:
            status, headers, body = r.response()
            if status == 200 and body == b"slept 600\n" and headers.get("connection") == "close" and r.closed():
                done += 1
            else:
                fail("in-flight: %d %r %r" % (status, headers, body))
        except (EOFError, OSError) as e:
            fail("in-flight: %r" % e)
    print("shutdown: %d of %d in-flight requests completed" % (done, busy), flush=True)
    print("shutdown: idle connection %s" % ("closed" if idle_r.closed() else "left open"), flush=True)
    time.sleep(0.2)
    try:
        connect(srv.addr, timeout=2).close()
        print("shutdown: new connection accepted", flush=True)
    except OSError:
        print("shutdown: new connection refused", flush=True)
    return srv.finish()


def shutdown_deadline(srv):
    """A request longer than -grace: its context ends, 503, exit 0."""
    s = connect(srv.addr)
    s.sendall(get("/slow?ms=20000"))
    time.sleep(0.2)
    srv.proc.send_signal(signal.SIGTERM)
    status, _, _ = Reader(s).response()
    print("deadline: in-flight request answered %d" % status, flush=True)
    return srv.finish()


def racy(srv):
    """Two overlapping requests to /racy on two connections."""
    def one(i):
        s = connect(srv.addr)
        s.sendall(get("/racy"))
        Reader(s).response()
        s.close()
    threads = [threading.Thread(target=one, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("racy: 2 responses", flush=True)


def debug(srv):
    """The debug endpoint's goroutine dump while a request is in flight: the
    handler's goroutine carries the labels middleware's labels."""
    import urllib.request
    s = connect(srv.addr)
    s.sendall(get("/slow?ms=1500"))
    time.sleep(0.3)
    with urllib.request.urlopen(srv.debug + "goroutine?debug=2", timeout=10) as f:
        dump = f.read().decode()
    for block in dump.split("\n\n"):
        if "handle_slow" in block:
            print("debug: " + block.splitlines()[0])
            print("debug: " + block.splitlines()[1])
    status, _, body = Reader(s).response()
    print("debug: request answered %d %r" % (status, body), flush=True)


def many(srv, conns=1000, rounds=5):
    """conns keep-alive connections at once, driven from one thread with a
    selector: each sends a request, reads its whole response, checks it
    (the body names the connection and round, so a response delivered on
    the wrong connection or out of turn shows), rounds times."""
    import selectors
    sel = selectors.DefaultSelector()
    state = {}
    for i in range(conns):
        s = connect(srv.addr)
        s.setblocking(False)
        state[s] = [i, 0, b""]
        s.sendall(get("/slow?ms=%d" % (i % 7)))
        sel.register(s, selectors.EVENT_READ)
    good, deadline = 0, time.monotonic() + 60
    while state and time.monotonic() < deadline:
        for key, _ in sel.select(timeout=1):
            s = key.fileobj
            st = state[s]
            data = s.recv(65536)
            if not data:
                fail("conn %d closed in round %d" % (st[0], st[1]))
                sel.unregister(s)
                del state[s]
                continue
            st[2] += data
            want = b"slept %d\n" % ((st[0] + st[1]) % 7)
            head, sep, rest = st[2].partition(b"\r\n\r\n")
            if not sep or len(rest) < len(want):
                continue
            if not head.startswith(b"HTTP/1.1 200 ") or rest != want:
                fail("conn %d round %d: %r" % (st[0], st[1], st[2][-40:]))
            else:
                good += 1
            st[1] += 1
            st[2] = b""
            if st[1] == rounds:
                sel.unregister(s)
                s.close()
                del state[s]
            else:
                s.sendall(get("/slow?ms=%d" % ((st[0] + st[1]) % 7)))
    print("many: %d of %d responses ok on %d connections" % (good, conns * rounds, conns), flush=True)


def load(srv):
    keepalive(srv)
    pipeline(srv)


SCENARIOS = {
    "keepalive": keepalive, "pipeline": pipeline, "limits": limits, "slowloris": slowloris,
    "load": load, "racy": racy, "debug": debug, "many": many,
}
OWN_EXIT = {"shutdown": shutdown, "deadline": shutdown_deadline}


def main():
    import resource
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 8192), hard))
    name, argv = sys.argv[1], sys.argv[2:]
    srv = Server(argv + ["127.0.0.1:0"])
    if name in OWN_EXIT:
        rc = OWN_EXIT[name](srv)
    else:
        SCENARIOS[name](srv)
        rc = srv.stop()
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
