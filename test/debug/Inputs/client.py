"""Drives test/debug/Inputs/served.c: starts it, learns its port (its
`port N` line, or the `port N` of the GOSAN_DEBUG_ADDR start-up line on
stderr), fetches pages with curl and sends hostile requests with raw
sockets, and prints one line per check for FileCheck.

usage: client.py SCENARIO PROGRAM [ARGS...]
scenarios: paths, hostile, checker, busy, env
"""
import os
import re
import socket
import subprocess
import sys
import threading
import time


class Program:
    def __init__(self, argv, port_from_stderr=False):
        self.argv = argv
        self.p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True, bufsize=1)
        self.stderr = []
        self.port = None
        if port_from_stderr:
            line = self.p.stderr.readline()
            self.stderr.append(line)
            m = re.search(r':(\d+)/debug/pprof/', line)
            self.port = int(m.group(1)) if m else None
        threading.Thread(target=self._drain, daemon=True).start()
        line = self.p.stdout.readline()
        m = re.match(r'port (\d+)', line)
        if not port_from_stderr:
            self.port = int(m.group(1)) if m else None
        if not self.port:
            print('no port: %r %r' % (line, self.stderr))
            sys.exit(1)

    def _drain(self):
        for line in self.p.stderr:
            self.stderr.append(line)

    def command(self, what):
        self.p.stdin.write(what + '\n')
        self.p.stdin.flush()
        return self.p.stdout.readline().strip()

    def ticks(self):
        return int(self.command('progress').split()[1])

    def finish(self):
        self.p.stdin.close()
        rc = self.p.wait(timeout=60)
        print('exit %d' % rc)
        return rc


def curl(port, path, out=None, timeout=30):
    """GET with curl: (status, body bytes)."""
    out = out or '/dev/stdout'
    r = subprocess.run(['curl', '-s', '-m', str(timeout), '-o', '-', '-w', '\n%{http_code}',
                        'http://127.0.0.1:%d%s' % (port, path)], stdout=subprocess.PIPE)
    body, _, code = r.stdout.rpartition(b'\n')
    return int(code or 0), body


def raw(port, data, read=True, timeout=15):
    """Sends data on a new connection; returns the status line ('' if none)."""
    s = socket.create_connection(('127.0.0.1', port), timeout=timeout)
    try:
        if data:
            s.sendall(data)
        if not read:
            return s
        got = b''
        while b'\r\n' not in got:
            chunk = s.recv(4096)
            if not chunk:
                break
            got += chunk
        return got.split(b'\r\n')[0].decode('latin-1')
    except (ConnectionResetError, BrokenPipeError) as e:
        return 'reset: %s' % e
    finally:
        if read:
            s.close()


def show(name, status, body, show_body=None):
    line = '%s %d' % (name, status)
    if show_body:
        line += ' ' + show_body(body)
    print(line)


def scenario_paths(prog):
    port = prog.port
    st, body = curl(port, '/debug/pprof/')
    show('index', st, body, lambda b: 'lists=%s' % ','.join(
        n for n in ('goroutine', 'mutex', 'block', 'profile', 'trace') if ('href="/debug/pprof/%s' % n).encode() in b))
    st, body = curl(port, '/debug/pprof')
    show('index-noslash', st, body)
    for path in ('/debug/pprof/goroutine?debug=1', '/debug/pprof/goroutine?debug=2', '/debug/pprof/mutex?debug=1',
                 '/debug/pprof/block?debug=2'):
        st, body = curl(port, path)
        show(path, st, body, lambda b: b.decode().splitlines()[0] if b else '<empty>')
    gzip = lambda b: 'gzip' if b[:2] == b'\x1f\x8b' else repr(b[:16])
    for path in ('/debug/pprof/goroutine', '/debug/pprof/mutex', '/debug/pprof/block',
                 '/debug/pprof/profile?seconds=1'):
        st, body = curl(port, path)
        show(path, st, body, gzip)
    for path in ('/debug/pprof/goroutine?debug=x', '/debug/pprof/mutex?seconds=5', '/debug/pprof/profile?seconds=301'):
        st, body = curl(port, path)
        show(path, st, body, lambda b: b.decode().strip())
    st, body = curl(port, '/debug/pprof/trace?seconds=1')
    show('trace', st, body, lambda b: 'header=%r' % b[:14])
    st, body = curl(port, '/debug/pprof/trace?seconds=0')
    show('trace-seconds-0', st, body, lambda b: b.decode().strip())
    st, body = curl(port, '/debug/pprof/trace?seconds=x')
    show('trace-seconds-x', st, body)
    st, body = curl(port, '/debug/pprof/cmdline')
    show('cmdline', st, body, lambda b: 'argv0' if b.split(b'\n')[0] == prog.argv[0].encode() else repr(b))
    st, body = curl(port, '/debug/pprof/heap')
    show('heap', st, body, lambda b: b.decode().strip())
    st, body = curl(port, '/nothing')
    show('nothing', st, body)
    st, body = curl(port, '/debug/gosan/')
    show('gosan', st, body, lambda b: b.decode().splitlines()[0])
    print('ticks-moved %s' % (prog.ticks() > 0))


def scenario_gopprof(prog):
    env = dict(os.environ)
    env.setdefault('PPROF_TMPDIR', '/tmp')
    print(prog.command('busy'))
    for path in ('/debug/pprof/goroutine', '/debug/pprof/profile?seconds=1'):
        r = subprocess.run(['go', 'tool', 'pprof', '-top', 'http://127.0.0.1:%d%s' % (prog.port, path)],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, timeout=120)
        print('go tool pprof -top %s: exit %d' % (path, r.returncode))
        print(r.stdout.decode())


def scenario_busy(prog):
    print(prog.command('busy'))
    print(prog.command('stuck'))
    time.sleep(0.2)
    st, body = curl(prog.port, '/debug/pprof/')
    show('index-while-busy', st, body)
    st, body = curl(prog.port, '/debug/pprof/trace?seconds=1')
    show('trace-while-busy', st, body, lambda b: 'header=%r' % b[:14])
    if os.environ.get('TRACE_OUT'):
        with open(os.environ['TRACE_OUT'], 'wb') as f:
            f.write(body)


def scenario_hostile(prog):
    port = prog.port
    t0 = prog.ticks()
    start = time.time()
    # Partial requests held open (slowloris), taking most connection slots.
    held = [raw(port, b'GET /debug/pprof/ HTTP/1.1\r\nHost: x\r\n', read=False) for _ in range(10)]
    print('garbage: ' + raw(port, b'\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03' + os.urandom(64) + b'\r\n\r\n'))
    print('no-version: ' + raw(port, b'GET /debug/pprof/\r\n\r\n'))
    print('post: ' + raw(port, b'POST /debug/pprof/ HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc'))
    print('http2: ' + raw(port, b'GET /debug/pprof/ HTTP/2.0\r\n\r\n'))
    print('nul: ' + raw(port, b'GET /debug/pprof/\x00 HTTP/1.1\r\n\r\n'))
    print('bad-escape: ' + raw(port, b'GET /debug/%zz HTTP/1.1\r\n\r\n'))
    print('escaped-nul: ' + raw(port, b'GET /debug/%00 HTTP/1.1\r\n\r\n'))
    print('bad-header: ' + raw(port, b'GET /debug/pprof/ HTTP/1.1\r\nno colon here\r\n\r\n'))
    print('long-target: ' + raw(port, b'GET /' + b'a' * 3000 + b' HTTP/1.1\r\n\r\n'))
    print('huge-header: ' + raw(port, b'GET /debug/pprof/ HTTP/1.1\r\nX: ' + b'a' * 20000 + b'\r\n\r\n'))
    print('many-headers: ' + raw(port, b'GET /debug/pprof/ HTTP/1.1\r\n' + b'X: y\r\n' * 100 + b'\r\n'))
    raw(port, b'GET /debug/pp', read=False).close()
    # More connections than the endpoint takes: the extra ones get 503 at once.
    more = [raw(port, b'', read=False) for _ in range(10)]
    time.sleep(0.3)
    busy = []
    for s in more:
        try:
            s.settimeout(2)
            busy.append(s.recv(64).split(b'\r\n')[0].decode())
        except socket.timeout:
            busy.append('waiting')
        except ConnectionResetError:
            busy.append('reset')
    # 16 connections at most: 10 held above, so at least 4 of these 10.
    print('over-limit refused: %s' % (sum(1 for b in busy if b.startswith('HTTP/1.1 503')) >= 4))
    for s in more:
        s.close()
    # The held partial requests time out with 408.
    for i, s in enumerate(held):
        try:
            s.settimeout(10)
            line = s.recv(4096).split(b'\r\n')[0].decode()
        except (socket.timeout, ConnectionResetError) as e:
            line = repr(e)
        if i == 0:
            print('slowloris: ' + line)
        s.close()
    # A fuzz of random request heads: every answer is a status line.
    import random
    rnd = random.Random(7)
    pieces = [b'GET', b'HEAD', b' ', b'/', b'/debug/pprof/', b'?', b'seconds=', b'%', b'HTTP/1.1', b'\r\n', b'\n',
              b':', b'X', b'\x00', b'\xff', b'\t', b'  ']
    bad = 0
    for _ in range(200):
        data = b''.join(rnd.choice(pieces) for _ in range(rnd.randint(1, 30))) + b'\r\n\r\n'
        line = raw(port, data)
        if not line.startswith('HTTP/1.1 '):
            bad += 1
            print('fuzz no answer: %r -> %r' % (data, line))
    print('fuzz: %d without a status line' % bad)
    elapsed = time.time() - start
    t1 = prog.ticks()
    # The ticker sleeps 1 ms a tick: it must have kept going meanwhile.
    print('program kept working: %s' % ((t1 - t0) > elapsed * 1000 / 10))
    st, body = curl(port, '/debug/pprof/')
    show('index-after', st, body)


def scenario_checker(prog):
    port = prog.port
    st, body = curl(port, '/debug/gosan/')
    show('gosan-index', st, body)
    print(body.decode().strip())
    st, body = curl(port, '/debug/gosan/lockorder')
    show('lockorder', st, body)
    print(body.decode().strip())
    st, body = curl(port, '/debug/gosan/reports')
    show('reports-before', st, body, lambda b: b.decode().splitlines()[0])
    print(prog.command('race'))
    st, body = curl(port, '/debug/gosan/reports')
    show('reports-after', st, body)
    print(body.decode().strip())
    st, body = curl(port, '/debug/gosan/nosuch')
    show('nosuch', st, body, lambda b: b.decode().strip())


def main():
    scenario, argv = sys.argv[1], sys.argv[2:]
    prog = Program(argv, port_from_stderr=(scenario == 'env'))
    if scenario == 'env':
        print('stderr: ' + prog.stderr[0].strip())
        scenario_paths_min(prog)
    else:
        globals()['scenario_' + scenario](prog)
    prog.finish()


def scenario_paths_min(prog):
    st, body = curl(prog.port, '/debug/pprof/')
    show('index', st, body)


if __name__ == '__main__':
    main()
