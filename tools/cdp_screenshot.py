#!/usr/bin/env python3
"""tools/cdp_screenshot.py - photographs a web page with headless Chromium,
driven through the DevTools protocol, for pages that build themselves with
scripts and network requests after load (tools/screenshots.sh uses it for
`go tool trace`'s timeline).

    cdp_screenshot.py URL PNG WIDTH HEIGHT [--script FILE] [--ready JS] [--setup JS] [--timeout S]

`chromium --screenshot` photographs at a fixed point of virtual time, and
virtual time does not advance across some of the work such a page does
(the Go 1.19 trace viewer's XMLHttpRequest of /jsontrace and its import,
which yields through timers), so that picture is blank.  Here the page runs
in real time: --script is loaded into the page before its own scripts
(to define the functions --ready and --setup call), the PNG is taken once the expression --ready is true (polled),
after --setup ran (a promise it returns is awaited) and two animation
frames were drawn.  If the page is not ready in --timeout seconds, the
script fails and prints the page's uncaught exceptions and console errors.

Only the standard library: the WebSocket client below implements what the
protocol needs (text frames, masked, no extensions) and nothing more.
Invariants: the Chromium this starts is killed on every exit path; its
profile lives in a temporary directory that is removed.
"""
import argparse
import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request


class DevTools:
    """One WebSocket connection to a DevTools target; send() waits for the
    answer to its command and keeps the events that arrive meanwhile."""

    def __init__(self, ws_url):
        hostport, path = ws_url[len("ws://"):].split("/", 1)
        host, port = hostport.rsplit(":", 1)
        self.sock = socket.create_connection((host, int(port)), timeout=60)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(("GET /%s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\n"
                           "Connection: Upgrade\r\nSec-WebSocket-Key: %s\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n" % (path, hostport, key)).encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise EOFError("DevTools closed the connection during the handshake")
            head += chunk
        status, self.pending = head.split(b"\r\n\r\n", 1)
        if b" 101 " not in status.split(b"\r\n", 1)[0]:
            raise RuntimeError("DevTools refused the WebSocket: %r" % status[:200])
        self.last_id = 0
        self.events = []

    def _take(self, n):
        while len(self.pending) < n:
            chunk = self.sock.recv(1 << 16)
            if not chunk:
                raise EOFError("DevTools closed the connection")
            self.pending += chunk
        out, self.pending = self.pending[:n], self.pending[n:]
        return out

    def _message(self):
        payload = b""
        while True:
            b0, b1 = self._take(2)
            size = b1 & 0x7F
            if size == 126:
                size = struct.unpack(">H", self._take(2))[0]
            elif size == 127:
                size = struct.unpack(">Q", self._take(8))[0]
            payload += self._take(size)
            if b0 & 0x80:
                return json.loads(payload)

    def send(self, method, **params):
        self.last_id += 1
        data = json.dumps({"id": self.last_id, "method": method, "params": params}).encode()
        if len(data) < 126:
            head = struct.pack(">BB", 0x81, 0x80 | len(data))
        elif len(data) < 1 << 16:
            head = struct.pack(">BBH", 0x81, 0x80 | 126, len(data))
        else:
            head = struct.pack(">BBQ", 0x81, 0x80 | 127, len(data))
        mask = os.urandom(4)
        self.sock.sendall(head + mask + bytes(b ^ mask[i & 3] for i, b in enumerate(data)))
        while True:
            msg = self._message()
            if msg.get("id") == self.last_id:
                if "error" in msg:
                    raise RuntimeError("%s: %s" % (method, msg["error"]))
                return msg["result"]
            self.events.append(msg)

    def evaluate(self, expression, await_promise=False):
        res = self.send("Runtime.evaluate", expression=expression, returnByValue=True,
                        awaitPromise=await_promise)
        if "exceptionDetails" in res:
            raise RuntimeError("page script failed: %s" % describe_exception(res["exceptionDetails"]))
        return res["result"].get("value")


def describe_exception(details):
    exc = details.get("exception", {})
    return exc.get("description") or details.get("text", "?")


def page_problems(events):
    """The uncaught exceptions and console errors the page reported."""
    out = []
    for ev in events:
        method, params = ev.get("method"), ev.get("params", {})
        if method == "Runtime.exceptionThrown":
            out.append("exception: " + describe_exception(params["exceptionDetails"]))
        elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
            out.append("console.error: " + " ".join(str(a.get("value", a.get("description")))
                                                  for a in params.get("args", [])))
    return out


def start_chromium(profile):
    """Starts headless Chromium on a port of its choosing; returns the
    process and the WebSocket address of its first page."""
    proc = subprocess.Popen(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--no-first-run", "--user-data-dir=" + profile, "--remote-debugging-port=0",
         "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port_file = os.path.join(profile, "DevToolsActivePort")
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("chromium exited with status %d" % proc.returncode)
        try:
            port = int(open(port_file).read().split()[0])
            targets = json.load(urllib.request.urlopen("http://127.0.0.1:%d/json/list" % port))
            pages = [t for t in targets if t.get("type") == "page"]
            if pages:
                return proc, pages[0]["webSocketDebuggerUrl"]
        except (OSError, ValueError, IndexError):
            pass
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("chromium did not open its DevTools port in 60 s")


def photograph(tab, args):
    tab.send("Runtime.enable")
    tab.send("Page.enable")
    if args.script:
        with open(args.script) as f:
            tab.send("Page.addScriptToEvaluateOnNewDocument", source=f.read())
    tab.send("Emulation.setDeviceMetricsOverride", width=args.width, height=args.height,
             deviceScaleFactor=1, mobile=False)
    tab.send("Page.navigate", url=args.url)
    deadline = time.time() + args.timeout
    while not tab.evaluate("!!(%s)" % args.ready if args.ready else "document.readyState === 'complete'"):
        if time.time() > deadline:
            problems = page_problems(tab.events) or ["(no exception or console error)"]
            raise RuntimeError("%s was not ready in %g s:\n  %s" % (args.url, args.timeout, "\n  ".join(problems)))
        time.sleep(0.25)
    if args.setup:
        tab.evaluate(args.setup, await_promise=True)
    tab.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))", await_promise=True)
    shot = tab.send("Page.captureScreenshot", format="png")
    with open(args.png, "wb") as f:
        f.write(base64.b64decode(shot["data"]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("url")
    ap.add_argument("png")
    ap.add_argument("width", type=int)
    ap.add_argument("height", type=int)
    ap.add_argument("--script", help="JS file loaded into the page before its own scripts")
    ap.add_argument("--ready", help="JS expression, true once the page is drawn")
    ap.add_argument("--setup", help="JS run before the picture (may return a promise)")
    ap.add_argument("--timeout", type=float, default=120)
    args = ap.parse_args()
    profile = tempfile.mkdtemp(prefix="cdp-shot-")
    proc = None
    try:
        proc, ws_url = start_chromium(profile)
        photograph(DevTools(ws_url), args)
    except (RuntimeError, OSError, EOFError) as e:
        print("cdp_screenshot.py: %s" % e, file=sys.stderr)
        return 1
    finally:
        if proc:
            proc.kill()
            proc.wait()
        shutil.rmtree(profile, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
