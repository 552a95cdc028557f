#!/usr/bin/env python3
"""bench/measure.py - runs the binaries bench/run.sh built and writes the
result tables (markdown) and raw measurements into the results directory.

Method: every variant of one benchmark runs in the same session, interleaved
(rep 1: A B C..., rep 2: B C... A, ...), BENCH_REPS times; tables show medians.
Each run goes through /usr/bin/time for peak RSS (max resident set, KiB); wall
time is the whole process (with BENCH_CPU=1 the checker tables compare CPU
time, user + system of the whole process, instead: on a loaded host the wait
for a processor is not the program's cost); ns/op is the program's own timing of its hot loop
(the "bench:" line).  A run that exits non-zero, times out or prints no
"bench:" line is a failure and is shown as such, never averaged in.

Negative control: checked runs of race-free programs must print no report;
every run's stderr is scanned for gosan, TSan and Go race reports and any
count above zero is flagged in the tables.
"""
import argparse
import math
import os
import platform
import re
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time

# ---------------------------------------------------------------- suite 1
# (row label, program, args, GOMAXPROCS or None for all cores, goal ratio, reps factor)
LIB = [
    ("spawn+exit", "spawn", [1000000], None, 1.0),
    ("spawn+exit", "spawn", [1000000], 1, 1.0),
    ("unbuffered ping-pong", "pingpong", [1000000], None, 1.0),
    ("unbuffered ping-pong", "pingpong", [1000000], 1, 1.0),
    ("buffered chan, 1 producer", "chanbuf", [4000000, 1], None, 1.5),
    ("buffered chan, 4 producers", "chanbuf", [4000000, 4], None, 1.5),
    ("select over 4 channels", "select4", [2000000], None, 1.5),
    ("mutex, uncontended", "mutex_uncontended", [20000000], None, 1.5),
    ("mutex, 4 goroutines contending", "mutex_contended", [4000000], None, 1.5),
    ("WaitGroup fan-out (K=8)", "wg_fanout", [100000, 8], None, 1.5),
    ("1M goroutines blocked at once", "blocked", [1000000], None, 1.5),
]
LIB_FORMS = [("gosan", "lib-{}.gosan"), ("Go", "lib-{}.go")]

# ---------------------------------------------------------------- suite 2
# Sizes per form: ratios are taken within a form (plain vs checked of the same
# program), so a form whose plain run is very slow (thread per task, futex
# hand-offs) gets a smaller N to keep its checked run under ~20 s.
CHECKER = [
    ("arrays", "array loops (2 g, stencil over own arrays)", {"*": [1 << 20, 100]}),
    ("pipeline", "channel pipeline (3 stages, heap items)", {"*": [1000000]}),
    ("pingpong", "ping-pong (shared buffer handed over)", {"*": [1000000], "pt": [50000]}),
    ("hashmap", "mutex-guarded hash map (4 g)", {"*": [4000000]}),
    ("spawnheavy", "spawn-heavy (short goroutines, batches of 64)", {"*": [200000], "pt": [10000]}),
    ("atomics", "atomics (4 g, fetch_add/load/store)", {"*": [8000000]}),
    ("rwlocks", "nested RWMutex/Mutex locking (8 g, 4 RWMutexes, one order)", {"*": [2000000]}),
    ("matmul", "matrix multiply (4 g, 384x384 doubles, 4 times)", {"*": [384, 4]}),
    ("mergesort", "parallel mergesort (4M ints, a goroutine per half)", {"*": [4 << 20]}),
    ("rwmap", "read-mostly map under an RWMutex (4 g, 63 reads : 1 write)", {"*": [4000000]}),
    ("server", "request/response server (4 clients, 4 labelled handlers)", {"*": [400000], "pt": [40000]}),
    ("selectfanin", "select fan-in (4 producers, heap items)", {"*": [2000000], "pt": [200000]}),
]
# (form key, plain binary, checked binary)
CHECKER_FORMS = [
    ("gosan", "chk-{}.gosan-plain", "chk-{}.gosan-checked"),
    ("pt", "chk-{}.pt-plain", "chk-{}.pt-tsan"),
    ("go", "chk-{}.go-plain", "chk-{}.go-race"),
    # The goroutine program itself under TSan, which learns the library's
    # happens-before through its hook interface (bench/tsan/hooks.c), against
    # the same plain build gosan is measured against: the issue's "TSan on
    # the same program".  The pthread twin ("pt") is kept beside it.
    ("gt", "chk-{}.gosan-plain", "chk-{}.gosan-tsan"),
]
FORM_TITLE = {"gosan": "gosan", "pt": "TSan, pthread twin", "go": "Go -race", "gt": "TSan, same program"}
# The scale row: live goroutines (threads for the pthread twin, which TSan
# cannot run at 100,000; 8,128 is the old TSan limit, probed once).
LIVE = {"gosan": [100000], "go": [100000], "pt": [5000],
        # TSan's fibers: 40,000 live ones fail ("Failed to mmap"), 20,000 run
        "gt": [20000]}
TSAN_PROBE = 8128

REPORT_PATTERNS = {
    "gosan": re.compile(r"WARNING: gosan"),
    "tsan": re.compile(r"WARNING: ThreadSanitizer"),
    "gorace": re.compile(r"WARNING: DATA RACE"),
}
TIMEOUT_S = 180


USE_CPU = os.environ.get("BENCH_CPU") == "1"
TIME_WORD = "CPU time (user + system)" if USE_CPU else "wall time"


class Run:
    def __init__(self, rc, wall, rss_kb, fields, reports, err_tail, cpu=None):
        self.rc, self.wall, self.rss_kb, self.cpu = rc, wall, rss_kb, cpu
        self.fields, self.reports, self.err_tail = fields, reports, err_tail

    @property
    def ok(self):
        return self.rc == 0 and "ns_op" in self.fields


def run_once(path, args, procs):
    env = dict(os.environ)
    env["GOMAXPROCS"] = str(procs or os.cpu_count())
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        cmd = ["/usr/bin/time", "-f", "%e %M", "-o", tf.name, path] + [str(a) for a in args]
        t0 = time.perf_counter()
        # CPU time from the children's rusage, to the microsecond (time(1)
        # prints hundredths); runs are sequential, so the delta is this one.
        ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        p = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             start_new_session=True)
        try:
            out, err = p.communicate(timeout=TIMEOUT_S)
            rc = p.returncode
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            out, err = p.communicate()
            rc = "timeout"
        wall = time.perf_counter() - t0
        ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
        rss_kb = None
        for line in tf.read().splitlines():
            m = re.match(r"^([\d.]+) (\d+)$", line.strip())
            if m:
                rss_kb = int(m.group(2))
    out = out.decode(errors="replace")
    err = err.decode(errors="replace")
    fields = {}
    for line in out.splitlines():
        if line.startswith("bench: "):
            for tok in line.split()[1:]:
                k, _, v = tok.partition("=")
                try:
                    fields[k] = float(v)
                except ValueError:
                    fields[k] = v
    reports = {k: len(p.findall(err)) for k, p in REPORT_PATTERNS.items()}
    tail = " | ".join(err.strip().splitlines()[-3:])[:300]
    return Run(rc, wall, rss_kb, fields, reports, tail, cpu)


def scaled(args, scale):
    if not args:
        return args
    return [max(1, int(args[0] * scale))] + list(args[1:])


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


class Results:
    """All runs of one variant (benchmark x form x procs)."""

    def __init__(self):
        self.runs = []

    def add(self, r):
        self.runs.append(r)

    @property
    def good(self):
        return [r for r in self.runs if r.ok]

    def failed(self):
        return [r for r in self.runs if not r.ok]

    def med(self, what):
        g = self.good
        if not g:
            return None
        if what == "wall":
            return median([r.wall for r in g])
        if what == "cpu":
            return median([r.cpu for r in g])
        if what == "time":  # what the slowdown columns compare
            return self.med("cpu" if USE_CPU else "wall")
        if what == "rss":
            return median([r.rss_kb for r in g])
        return median([r.fields.get(what) for r in g])

    def reports(self):
        return sum(sum(r.reports.values()) for r in self.runs)

    def status(self):
        if not self.runs:
            return "not built"
        if not self.good:
            r = self.runs[-1]
            return "failed (rc=%s: %s)" % (r.rc, r.err_tail or "no output")
        return None


def fmt(x, digits=2):
    if x is None:
        return "–"
    if abs(x) >= 1000:
        return "%.0f" % x
    if abs(x) >= 100:
        return "%.1f" % x
    return "%.*f" % (digits, x)


def mib(kb):
    return None if kb is None else kb / 1024.0


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


def geomean(xs):
    xs = [x for x in xs if x]
    if not xs:
        return None
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


def not_built_notes(unbuilt, nrows):
    """One line per form whose binaries are missing (e.g. no library yet)."""
    notes = []
    for name, rows in unbuilt.items():
        rows = list(dict.fromkeys(rows))
        which = "every row" if len(rows) >= nrows else ", ".join(rows)
        notes.append("- not built: %s (%s); see build/bench/build.log" % (name, which))
    return notes


def interleave(variants, reps, log):
    """variants: list of (key, path, args, procs); returns {key: Results}."""
    res = {k: Results() for k, *_ in variants}
    live = [v for v in variants if v[1] and os.path.exists(v[1])]
    for rep in range(reps):
        order = live[rep % len(live):] + live[:rep % len(live)] if live else []
        for key, path, args, procs in order:
            r = run_once(path, args, procs)
            res[key].add(r)
            log.write("%s\trep=%d\trc=%s\twall=%.3f\tcpu=%s\trss_kb=%s\t%s\treports=%s%s\n" % (
                key, rep, r.rc, r.wall, r.cpu, r.rss_kb,
                " ".join("%s=%s" % kv for kv in r.fields.items()),
                ",".join("%s:%d" % kv for kv in r.reports.items() if kv[1]) or "0",
                "" if r.ok else "\terr=" + r.err_tail))
            log.flush()
            sys.stderr.write("  %-40s rep %d: %s\n" % (key, rep + 1, "ok %.2fs" % r.wall if r.ok
                                                          else "FAILED rc=%s" % r.rc))
    return res


# ---------------------------------------------------------------- suite 1
def suite_lib(a, out):
    log = open(os.path.join(out, "raw-lib.txt"), "w")
    rows = []
    for label, prog, args, procs, goal in LIB:
        if a.only and not re.search(a.only, prog):
            continue
        args = scaled(args, a.scale)
        reps = a.reps if prog != "blocked" else max(1, min(a.reps, 3))
        variants = [("%s/%s/p%s" % (prog, form, procs or "all"), os.path.join(a.bin, pat.format(prog)),
                     args, procs) for form, pat in LIB_FORMS]
        sys.stderr.write("lib: %s (GOMAXPROCS=%s)\n" % (label, procs or os.cpu_count()))
        res = interleave(variants, reps, log)
        rows.append((label, prog, args, procs, goal, [res[v[0]] for v in variants]))
    log.close()

    lines = ["| benchmark | GOMAXPROCS | gosan ns/op | Go ns/op | gosan/Go | goal | gosan wall s | Go wall s "
             "| gosan peak RSS MiB | Go peak RSS MiB | RSS gosan/Go |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    notes, unbuilt = [], {}
    for label, prog, args, procs, goal, (g, go) in rows:
        gn, on = g.med("ns_op"), go.med("ns_op")
        r = ratio(gn, on)
        verdict = "–" if r is None else ("met" if r <= goal else "missed")
        cells = [label, str(procs or os.cpu_count()), fmt(gn), fmt(on), fmt(r) + "x" if r else "–",
                 "≤%.1fx: %s" % (goal, verdict), fmt(g.med("wall")), fmt(go.med("wall")),
                 fmt(mib(g.med("rss")), 1), fmt(mib(go.med("rss")), 1),
                 fmt(ratio(g.med("rss"), go.med("rss"))) + "x" if g.med("rss") and go.med("rss") else "–"]
        for name, x in (("gosan", g), ("Go", go)):
            if x.status() == "not built":
                unbuilt.setdefault(name, []).append(label)
            elif x.status():
                notes.append("- %s, %s: %s" % (label, name, x.status()))
            elif len(x.failed()):
                notes.append("- %s, %s: %d of %d runs failed" % (label, name, len(x.failed()), len(x.runs)))
        if prog == "blocked":
            notes.append("- %s: ns/op is spawn-until-all-blocked per goroutine; release (close + all exit) "
                         "per goroutine: gosan %s ns, Go %s ns" % (label, fmt(g.med("release_ns_op")),
                                                                 fmt(go.med("release_ns_op"))))
        lines.append("| " + " | ".join(cells) + " |")
    notes += not_built_notes(unbuilt, len(rows))
    text = "\n".join(lines) + "\n"
    if notes:
        text += "\n" + "\n".join(notes) + "\n"
    text += "\nSizes: " + "; ".join("%s %s" % (p, " ".join(map(str, ar))) for _, p, ar, pr, _, _ in rows
                                      if pr is None) + "\n"
    with open(os.path.join(out, "lib.md"), "w") as f:
        f.write(text)
    print("\n## Suite 1: library vs Go\n\n" + text)


# ---------------------------------------------------------------- suite 2
def suite_checker(a, out):
    log = open(os.path.join(out, "raw-checker.txt"), "w")
    table = []
    for prog, label, sizes in CHECKER + [("live", "scale", None)]:
        if a.only and not re.search(a.only, prog):
            continue
        variants = []
        for form, plain, checked in CHECKER_FORMS:
            args = LIVE[form] if prog == "live" else sizes.get(form, sizes["*"])
            args = scaled(args, a.scale)
            variants.append(("%s/%s/plain" % (prog, form), os.path.join(a.bin, plain.format(prog)), args, None))
            variants.append(("%s/%s/checked" % (prog, form), os.path.join(a.bin, checked.format(prog)), args, None))
        sys.stderr.write("checker: %s\n" % prog)
        reps = a.reps if prog != "live" else max(1, min(a.reps, 3))
        res = interleave(variants, reps, log)
        table.append((prog, label, {v[0]: (res[v[0]], v[2]) for v in variants}))
    probe = None
    tsan_live = os.path.join(a.bin, "chk-live.pt-tsan")
    if (not a.only or re.search(a.only, "live")) and os.path.exists(tsan_live):
        sys.stderr.write("checker: TSan probe at %d threads\n" % TSAN_PROBE)
        probe = run_once(tsan_live, [TSAN_PROBE], None)
        log.write("live/pt/checked-probe\trc=%s\twall=%.3f\trss_kb=%s\t%s\n" % (
            probe.rc, probe.wall, probe.rss_kb, probe.err_tail))
    log.close()

    head = ["| program | " + " | ".join("%s slowdown | %s mem ratio" % (FORM_TITLE[f], FORM_TITLE[f])
                                         for f, _, _ in CHECKER_FORMS) + " |",
            "| --- |" + " --- | --- |" * len(CHECKER_FORMS)]
    tw = "CPU s" if USE_CPU else "wall s"
    detail = ["| program | form | N | plain %s | checked %s | plain ns/op | checked ns/op " % (tw, tw) +
              "| plain RSS MiB | checked RSS MiB | reports in checked runs |",
              "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    notes, slow, mem = [], {f: [] for f, _, _ in CHECKER_FORMS}, {f: [] for f, _, _ in CHECKER_FORMS}
    scale_lines, unbuilt = [], {}
    for prog, label, m in table:
        cells = [prog if prog != "live" else "live goroutines"]
        for form, _, _ in CHECKER_FORMS:
            (p, args), (c, _) = m["%s/%s/plain" % (prog, form)], m["%s/%s/checked" % (prog, form)]
            s = ratio(c.med("time"), p.med("time"))
            r = ratio(c.med("rss"), p.med("rss"))
            flag = ""
            if c.reports():
                flag = " ⚠%d reports" % c.reports()
                notes.append("- NEGATIVE CONTROL FAILED: %s %s checked runs printed %d reports (see raw-checker.txt)"
                             % (prog, FORM_TITLE[form], c.reports()))
            for name, x in (("plain", p), ("checked", c)):
                if x.status() == "not built":
                    unbuilt.setdefault("%s %s" % (FORM_TITLE[form], name), []).append(prog)
                elif x.status():
                    notes.append("- %s, %s %s: %s" % (prog, FORM_TITLE[form], name, x.status()))
                elif x.failed():
                    notes.append("- %s, %s %s: %d of %d runs failed" % (prog, FORM_TITLE[form], name,
                                                                       len(x.failed()), len(x.runs)))
            if prog != "live":
                slow[form].append(s)
                mem[form].append(r)
                cells += [(fmt(s) + "x" if s else "–") + flag, fmt(r) + "x" if r else "–"]
            detail.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                prog, FORM_TITLE[form], " ".join(map(str, args)), fmt(p.med("time")), fmt(c.med("time")),
                fmt(p.med("ns_op")), fmt(c.med("ns_op")), fmt(mib(p.med("rss")), 1),
                fmt(mib(c.med("rss")), 1), c.reports() if c.runs else "–"))
            if prog == "live":
                scale_lines.append("| %s | %s | %s | %s | %s | %s |" % (
                    FORM_TITLE[form], args[0], fmt(mib(p.med("rss")), 1), fmt(mib(c.med("rss")), 1),
                    fmt(r) + "x" if r else "–", fmt(c.med("wall"))))
        if prog != "live":
            head.append("| " + " | ".join(cells) + " |")
    gm = ["**geometric mean**"]
    for form, _, _ in CHECKER_FORMS:
        n_s = len([x for x in slow[form] if x])
        gs, gr = geomean(slow[form]), geomean(mem[form])
        partial = "" if n_s == len(slow[form]) else " (%d of %d)" % (n_s, len(slow[form]))
        gm += ["**%s**%s" % (fmt(gs) + "x", partial) if gs else "–",
               "**%s**" % (fmt(gr) + "x") if gr else "–"]
    head.append("| " + " | ".join(gm) + " |")
    text = "\n".join(head) + "\n\nSlowdown = median whole-process " + TIME_WORD + " checked / plain; mem ratio = " \
        "median peak RSS checked / plain.\n\n" + "\n".join(detail) + "\n"
    if scale_lines:
        text += "\nScale: live goroutines (threads for TSan on the pthread twin) blocked at once\n\n" \
            "| form | live goroutines/threads | plain peak RSS MiB | checked peak RSS MiB | ratio | checked wall s |\n" \
            "| --- | --- | --- | --- | --- | --- |\n" + "\n".join(scale_lines) + "\n"
    if probe:
        text += "\nTSan probe, %d live threads: %s (peak RSS %s MiB, %s)\n" % (
            TSAN_PROBE, "ran" if probe.ok else "FAILED rc=%s" % probe.rc, fmt(mib(probe.rss_kb), 1),
            probe.err_tail or "no stderr")
    notes += not_built_notes(unbuilt, len(table))
    if notes:
        text += "\n" + "\n".join(notes) + "\n"
    with open(os.path.join(out, "checker.md"), "w") as f:
        f.write(text)
    print("\n## Suite 2: checker overhead\n\n" + text)


# ---------------------------------------------------------------- profile
def profile(a, out):
    """perf record on checked builds: top symbols, self time."""
    targets = [("hashmap", "chk-hashmap.gosan-checked", [2000000]),
               ("arrays", "chk-arrays.gosan-checked", [1 << 20, 20]),
               ("pipeline", "chk-pipeline.gosan-checked", [500000]),
               ("hashmap-tsan", "chk-hashmap.pt-tsan", [2000000])]
    for name, b, args in targets:
        path = os.path.join(a.bin, b)
        if not os.path.exists(path):
            continue
        data = os.path.join(tempfile.gettempdir(), "gosan-bench-%s.perf" % name)
        sys.stderr.write("profile: %s\n" % b)
        subprocess.run(["perf", "record", "-F", "2000", "-o", data, "--", path] + [str(x) for x in args],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        rep = subprocess.run(["perf", "report", "-i", data, "--no-children", "--stdio", "-g", "none",
                              "--sort", "dso,symbol", "--percent-limit", "0.7"],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout.decode(errors="replace")
        keep = [re.sub(r"(\s+-)+\s*$", "", re.sub(r" {2,}", "  ", l)).rstrip()
                for l in rep.splitlines() if l.strip() and not l.startswith("#")][:30]
        with open(os.path.join(out, "profile-%s.txt" % name), "w") as f:
            f.write("# perf record -F 2000 %s %s; perf report --no-children --sort dso,symbol\n" %
                    (b, " ".join(map(str, args))))
            f.write("\n".join(keep) + "\n")
        os.unlink(data)


def machine(out):
    def sh(cmd):
        try:
            return subprocess.run(cmd, shell=True, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT).stdout.decode().strip()
        except OSError:
            return "?"
    cpu = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2")
    info = ["date: " + time.strftime("%Y-%m-%d %H:%M %Z"),
            "cpu: %s x %d (nproc)" % (cpu.strip(), os.cpu_count()),
            "memory: " + sh("free -g | awk '/Mem:/ {print $2 \" GiB\"}'"),
            "kernel: " + platform.release(),
            "os: " + sh(". /etc/os-release && echo $PRETTY_NAME"),
            "clang: " + sh("clang-14 --version | head -1"),
            "go: " + sh("go version")]
    with open(os.path.join(out, "machine.txt"), "w") as f:
        f.write("\n".join(info) + "\n")
    print("\n".join(info))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--suites", default="lib checker")
    ap.add_argument("--only", default="")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--profile", default="0")
    a = ap.parse_args()
    if a.reps < 1:
        sys.exit("measure.py: --reps must be at least 1")
    os.makedirs(a.out, exist_ok=True)
    machine(a.out)
    suites = a.suites.split()
    if "lib" in suites:
        suite_lib(a, a.out)
    if "checker" in suites:
        suite_checker(a, a.out)
    if a.profile not in ("", "0"):
        profile(a, a.out)


if __name__ == "__main__":
    main()
