# gosan-gdb.py - goroutines in gdb: `info goroutines`, `goroutine N bt`,
# `goroutine N frame K`, `goroutine N CMD`, `goroutine all bt`.
#
# Loaded automatically from the program's .debug_gdb_scripts section (the
# library puts this file there, as Go's runtime does with runtime-gdb.py) or
# by hand with `gdb -x gosan-gdb.py` / `source`.
#
# How a parked goroutine is shown: its registers are in its saved context
# (arch/ctx_x86_64.S: at g->sp, from low to high, MXCSR+x87 word, r15, r14,
# r13, r12, rbx, rbp, return address).  gdb cannot write registers of a core
# file, and writing a live thread's registers risks resuming it with the
# wrong ones, so nothing is written: a frame unwinder claims frame 0 of the
# selected thread and gives the goroutine's saved registers as its caller's.
# gdb's frame 1 is then the goroutine's innermost frame; the commands here
# number the goroutine's frames from 0 and add the 1 themselves.  The view
# ends at `goroutine off` and whenever the program resumes.
#
# Invariants: everything is read from the inferior's memory through the
# library's debug info (types go_g, go_m, struct go_sched); nothing is
# called in the inferior, so it works on a live process, one stopped
# anywhere, and a core dump.

import time

import gdb
from gdb.unwinder import Unwinder

# Go's spellings of the wait reasons (rt/hooks/go_hooks.h's
# go_wait_reason_name); an enumerator this table lacks is shown by name.
_WAIT_NAMES = {
    "GO_WAIT_NONE": "",
    "GO_WAIT_CHAN_SEND": "chan send",
    "GO_WAIT_CHAN_RECV": "chan receive",
    "GO_WAIT_CHAN_SEND_NIL": "chan send (nil chan)",
    "GO_WAIT_CHAN_RECV_NIL": "chan receive (nil chan)",
    "GO_WAIT_SELECT": "select",
    "GO_WAIT_SELECT_NO_CASES": "select (no cases)",
    "GO_WAIT_MUTEX": "sync.Mutex.Lock",
    "GO_WAIT_RWMUTEX_RLOCK": "sync.RWMutex.RLock",
    "GO_WAIT_RWMUTEX_LOCK": "sync.RWMutex.Lock",
    "GO_WAIT_WAITGROUP": "sync.WaitGroup.Wait",
    "GO_WAIT_COND": "sync.Cond.Wait",
    "GO_WAIT_SLEEP": "sleep",
    "GO_WAIT_IO": "IO wait",
}

_STATUS_NAMES = {
    "G_IDLE": "idle",
    "G_RUNNABLE": "runnable",
    "G_RUNNING": "running",
    "G_RUNNING_WOKEN": "running",
    "G_WAITING": "waiting",
    "G_DEAD": "dead",
    "G_GONE": "gone",
}

_MAX_GOROUTINES = 10000000  # a list longer than this in a core is corrupt
_MAX_FRAMES = 100
_CLOCK_MONOTONIC_COARSE = 6  # the library's state clock (GO_HOOKS_STATE_CLOCK)


class GosanError(gdb.GdbError):
    pass


# ---- reading the library's state -------------------------------------------

def _sched():
    try:
        return gdb.parse_and_eval("go_sched")
    except gdb.error:
        raise GosanError("gosan: no goroutine library in this program "
                         "(symbol go_sched not found; is it linked with "
                         "libgosan_go and built with -g?)")


# The gosan libraries' code sections (cmake/GosanSealedArchive.cmake): the
# linker marks each with __start_NAME/__stop_NAME.  Telling frames apart by
# address cannot be fooled by a program function named like a library one.
_CODE_SECTIONS = ("gosan_go_text", "gosan_go_entry", "gosan_rt_text")


def _symbol_address(name):
    try:
        return int(gdb.parse_and_eval("(unsigned long)&%s" % name))
    except gdb.error:
        return None


def _library_ranges():
    """[lo, hi) of every gosan code section in the program."""
    ranges = []
    for section in _CODE_SECTIONS:
        lo = _symbol_address("__start_" + section)
        hi = _symbol_address("__stop_" + section)
        if lo is not None and hi is not None and lo < hi:
            ranges.append((lo, hi))
    return ranges


def _goroutines():
    """Every live goroutine (go_sched.all), in the library's list order."""
    sched = _sched()
    if int(sched["initialized"]) == 0:
        return []
    out = []
    seen = set()
    g = sched["all"]
    while int(g) != 0:
        addr = int(g)
        if addr in seen or len(out) >= _MAX_GOROUTINES:
            gdb.write("gosan: the goroutine list loops or is damaged; "
                      "showing the first %d\n" % len(out))
            break
        seen.add(addr)
        try:
            g.dereference()["id"].fetch_lazy()
        except gdb.MemoryError:
            gdb.write("gosan: goroutine record at 0x%x is unreadable; "
                      "the list stops there\n" % addr)
            break
        out.append(g)
        g = g["all_next"]
    out.sort(key=lambda g: int(g["id"]))
    return out


def _find(goid):
    for g in _goroutines():
        if int(g["id"]) == goid:
            return g
    raise GosanError("gosan: no goroutine %d (`info goroutines` lists them)" % goid)


def _enum_name(value):
    text = str(value)
    return text.split("::")[-1]


def _status(g):
    raw = int(g["status"])
    try:
        name = _enum_name(gdb.Value(raw).cast(gdb.lookup_type("enum go_status")))
    except gdb.error:
        name = str(raw)
    return _STATUS_NAMES.get(name, name)


def _wait_reason(g):
    name = _enum_name(g["wait_reason"])
    if name in _WAIT_NAMES:
        return _WAIT_NAMES[name]
    return name.replace("GO_WAIT_", "").replace("_", " ").lower()


def _c_string(ptr):
    if int(ptr) == 0:
        return ""
    try:
        return ptr.string()
    except (gdb.error, UnicodeDecodeError):
        return "?"


def _labels(g):
    n = int(g["nlabels"])
    if n == 0 or int(g["labels"]) == 0:
        return ""
    parts = []
    for i in range(min(n, 64)):
        label = g["labels"][i]
        parts.append('"%s":"%s"' % (_c_string(label["key"]), _c_string(label["value"])))
    return "{" + ",".join(parts) + "}"


def _is_core():
    inferior = gdb.selected_inferior()
    try:
        return inferior.connection is not None and inferior.connection.type == "core"
    except AttributeError:
        return False


def _virtual_now():
    """The deterministic mode's virtual clock (GOSAN_SCHED: the library's
    timestamps are on it), or None in a normal run."""
    try:
        if int(gdb.parse_and_eval("go_det_mode")) == 0:
            return None
        return int(gdb.parse_and_eval("'detsched.c'::det_clock"))
    except gdb.error:
        return None


def _waited_for(g):
    """How long g has been in its state, on a live process; '' otherwise."""
    if _is_core() or gdb.selected_inferior().pid == 0:
        return ""
    since = int(g["state_since"])
    if since <= 0:
        return ""
    now = _virtual_now()
    if now is None:
        try:
            now = time.clock_gettime_ns(_CLOCK_MONOTONIC_COARSE)
        except (AttributeError, OSError):
            return ""
    secs = max(0, now - since) / 1e9
    if secs >= 60:
        return "%d minutes" % (secs // 60)
    if secs >= 1:
        return "%.1f s" % secs
    return "%d ms" % (secs * 1000)


def _thread_of(g):
    """The gdb thread a running goroutine is on, or None."""
    m = g["m"]
    if int(m) == 0:
        return None
    lwp = int(m["tid"])
    for t in gdb.selected_inferior().threads():
        if t.ptid[1] == lwp:
            return t
    return None


def _on_thread(g):
    return _status(g) == "running" and _thread_of(g) is not None


# ---- location of a pc ------------------------------------------------------

def _where(pc):
    """'function at file:line' for a code address."""
    pc = int(pc)
    if pc == 0:
        return "?"
    name = None
    try:
        block = gdb.block_for_pc(pc)
        while block is not None and block.function is None:
            block = block.superblock
        if block is not None:
            name = block.function.print_name
    except RuntimeError:
        pass
    if name is None:
        name = gdb.execute("info symbol 0x%x" % pc, to_string=True).split(" in ")[0].strip()
        name = name.split(" + ")[0] if not name.startswith("No symbol") else "0x%x" % pc
    sal = gdb.find_pc_line(pc)
    if sal.symtab is not None:
        return "%s at %s:%d" % (name, sal.symtab.filename, sal.line)
    return name


def _in_gosan(frame, ranges):
    pc = frame.pc()
    return any(lo <= pc < hi for lo, hi in ranges)


def _in_shared_library(frame):
    return gdb.solib_name(frame.pc()) is not None


def _hidden_frames(frames, ranges):
    """Which frames (innermost first) belong to the library: its own code,
    and shared-library code (the C library's futex or read) it called.  A
    C library function the program called stays visible."""
    hidden = [False] * len(frames)
    for i in range(len(frames) - 1, -1, -1):
        caller_hidden = i + 1 < len(frames) and hidden[i + 1]
        hidden[i] = _in_gosan(frames[i], ranges) or (caller_hidden and _in_shared_library(frames[i]))
    return hidden


def _frame_where(frame):
    sal = frame.find_sal()
    name = frame.name() or "0x%x" % frame.pc()
    if sal.symtab is not None:
        return "%s at %s:%d" % (name, sal.symtab.filename, sal.line)
    return name


# ---- the goroutine view (frame unwinder) -----------------------------------

class _ShowLibraryFrames(gdb.Parameter):
    """Whether goroutine stacks include the library's own frames.
Off (the default), `goroutine N bt` and `goroutine N frame K` show and
number only the program's frames, as Go's tracebacks leave out the
runtime's; on, every frame (the library's scheduler, channel and lock
code, the C library)."""

    set_doc = "Set whether goroutine stacks show the library's frames."
    show_doc = "Show whether goroutine stacks show the library's frames."

    def __init__(self):
        super(_ShowLibraryFrames, self).__init__("gosan-library-frames", gdb.COMMAND_STACK,
                                                 gdb.PARAM_BOOLEAN)
        self.value = False

    def get_set_string(self):
        return ""

    def get_show_string(self, svalue):
        return "Goroutine stacks show the library's frames: %s." % svalue


_show_library = _ShowLibraryFrames()


class _FrameId(object):
    def __init__(self, sp, pc):
        self.sp = sp
        self.pc = pc


class _GoroutineView(Unwinder):
    """Frame 0 of `thread`'s caller is the goroutine's saved context."""

    def __init__(self):
        super(_GoroutineView, self).__init__("gosan-goroutine")
        self.regs = None
        self.thread = None
        self.goid = None

    def __call__(self, pending):
        if self.regs is None or pending.level() != 0:
            return None
        thread = gdb.selected_thread()
        if thread is None or thread.num != self.thread:
            return None
        info = pending.create_unwind_info(
            _FrameId(pending.read_register("rsp"), pending.read_register("rip")))
        for reg, value in self.regs.items():
            info.add_saved_register(reg, value)
        return info


_view = _GoroutineView()
gdb.unwinder.register_unwinder(None, _view, replace=True)


def _saved_registers(g):
    sp = int(g["sp"])
    if sp == 0:
        raise GosanError("gosan: goroutine %d has no saved context" % int(g["id"]))
    word = gdb.lookup_type("unsigned long")
    code = gdb.lookup_type("void").pointer()

    def at(offset):
        return gdb.Value(sp + offset).cast(word.pointer()).dereference()

    return {
        "r15": at(8), "r14": at(16), "r13": at(24), "r12": at(32),
        "rbx": at(40), "rbp": at(48),
        "rip": at(56).cast(code),
        "rsp": gdb.Value(sp + 64).cast(code),
    }


def _view_off():
    if _view.regs is not None:
        _view.regs = _view.thread = _view.goid = None
        gdb.invalidate_cached_frames()


class _Focus(object):
    """Selects g's frames: its thread if it runs, else the unwinder view.
    first is the gdb frame number of the goroutine's innermost frame."""

    def __init__(self, g):
        self.g = g
        self.first = 0
        self.thread_before = gdb.selected_thread()
        thread = _thread_of(g) if _on_thread(g) else None
        _view_off()
        if thread is not None:
            thread.switch()
            return
        if gdb.selected_thread() is None:
            raise GosanError("gosan: no thread to show goroutines on (is the program running?)")
        _view.regs = _saved_registers(g)
        _view.thread = gdb.selected_thread().num
        _view.goid = int(g["id"])
        gdb.invalidate_cached_frames()
        self.first = 1

    def frames(self):
        """The goroutine's frames, innermost first (the program's only,
        unless `set gosan-library-frames on`)."""
        frames = list(self.all_frames())
        if _show_library.value:
            return frames
        hidden = _hidden_frames(frames, _library_ranges())
        own = [f for f, h in zip(frames, hidden) if not h]
        return own or frames  # a goroutine inside the library only: show it all

    def all_frames(self):
        frame = gdb.newest_frame()
        for _ in range(self.first):
            frame = frame.older()
            if frame is None:
                return
        n = 0
        while frame is not None and n < _MAX_FRAMES:
            yield frame
            n += 1
            try:
                frame = frame.older()
            except gdb.error:
                return

    def release(self):
        _view_off()
        if self.thread_before is not None and self.thread_before.is_valid():
            self.thread_before.switch()


def _on_resume(_event):
    _view_off()


gdb.events.cont.connect(_on_resume)


# ---- commands --------------------------------------------------------------

def _header(g):
    status = _status(g)
    detail = _wait_reason(g) if status == "waiting" else status
    if status == "running":
        thread = _thread_of(g)
        if thread is not None:
            detail = "running on thread %d (LWP %d)" % (thread.num, thread.ptid[1])
    waited = _waited_for(g) if status == "waiting" else ""
    if waited:
        detail += ", " + waited
    return "goroutine %d [%s]" % (int(g["id"]), detail)


def _current_location(g, ranges):
    """The innermost frame of the program's own code in g, or where it starts."""
    status = _status(g)
    if status == "runnable" and int(g["fn"]) != 0:
        try:
            regs = _saved_registers(g)
            if int(regs["rbp"]) == 0:  # never ran: the trampoline's zero frame pointer
                return "not started: " + _where(g["fn"])
        except gdb.error:
            return "not started: " + _where(g["fn"])
    focus = _Focus(g)
    try:
        frames = list(focus.all_frames())
        hidden = _hidden_frames(frames, ranges)
        for frame, h in zip(frames, hidden):
            if not h and not _in_shared_library(frame):
                return _frame_where(frame)
        return _frame_where(frames[0]) if frames else "?"
    except gdb.error as err:
        return "? (%s)" % err
    finally:
        focus.release()


class InfoGoroutines(gdb.Command):
    """List the program's goroutines.
Usage: info goroutines

One line per goroutine: id, state (Go's wait reason when parked, with how
long on a live process), labels, where it is (the innermost frame of the
program's own code), and on the next line where it was created.
`goroutine N bt` shows one goroutine's stack."""

    def __init__(self):
        super(InfoGoroutines, self).__init__("info goroutines", gdb.COMMAND_STACK)

    def invoke(self, arg, from_tty):
        ranges = _library_ranges()
        current = _current_goid()
        goroutines = _goroutines()
        if not goroutines:
            gdb.write("no goroutines (the library has not started)\n")
            return
        for g in goroutines:
            mark = "*" if int(g["id"]) == current else " "
            line = "%s %s" % (mark, _header(g))
            labels = _labels(g)
            if labels:
                line += " labels: " + labels
            gdb.write(line + "\n")
            gdb.write("      at %s\n" % _current_location(g, ranges))
            if int(g["create_pc"]) != 0 and int(g["id"]) != 1:
                gdb.write("      created by %s in goroutine %d\n"
                          % (_where(int(g["create_pc"]) - 1), int(g["parent_id"])))


def _current_goid():
    """The goroutine running on the selected thread, or 0."""
    thread = gdb.selected_thread()
    if thread is None:
        return 0
    try:
        for g in _goroutines():
            t = _thread_of(g) if _status(g) == "running" else None
            if t is not None and t.num == thread.num:
                return int(g["id"])
    except gdb.error:
        pass
    return 0


def _print_bt(g, full):
    focus = _Focus(g)
    try:
        gdb.write(_header(g) + ":\n")
        n = 0
        for frame in focus.frames():
            line = "#%-3d %s" % (n, _frame_where(frame))
            gdb.write(line + "\n")
            if full:
                _print_locals(frame)
            n += 1
        if int(g["create_pc"]) != 0 and int(g["id"]) != 1:
            gdb.write("created by %s in goroutine %d\n"
                      % (_where(int(g["create_pc"]) - 1), int(g["parent_id"])))
    finally:
        focus.release()


def _print_locals(frame):
    try:
        block = frame.block()
    except RuntimeError:
        return
    while block is not None and block.function is None:
        for sym in block:
            if sym.is_variable or sym.is_argument:
                _print_var(frame, sym)
        block = block.superblock
    if block is not None:
        for sym in block:
            if sym.is_variable or sym.is_argument:
                _print_var(frame, sym)


def _print_var(frame, sym):
    try:
        value = str(frame.read_var(sym))
    except (gdb.error, ValueError) as err:
        value = "<%s>" % err
    gdb.write("        %s = %s\n" % (sym.print_name, value))


def _select_frame(g, k):
    focus = _Focus(g)  # stays on: the user reads this frame next
    frames = focus.frames()
    if k < 0 or k >= len(frames):
        focus.release()
        raise GosanError("gosan: goroutine %d has frames 0..%d"
                         % (int(g["id"]), len(frames) - 1))
    frames[k].select()
    gdb.write("goroutine %d frame %d: %s\n" % (int(g["id"]), k, _frame_where(frames[k])))
    if focus.first:
        gdb.write("(gdb's frame %d; `print`, `info locals`, `up`, `down` work here; "
                  "`goroutine off` or resuming ends the view)\n" % frames[k].level())


class Goroutine(gdb.Command):
    """Act on one goroutine, or all.
Usage: goroutine N bt [full]   the stack of goroutine N, innermost first
       goroutine all bt [full] every goroutine's stack
       goroutine N frame K     select frame K of goroutine N (then print,
                               info locals, up, down)
       goroutine N            select goroutine N's innermost frame
       goroutine N CMD...      run the gdb command CMD in goroutine N's
                               innermost frame
       goroutine off           back to the thread's own frames"""

    def __init__(self):
        super(Goroutine, self).__init__("goroutine", gdb.COMMAND_STACK)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        if not argv:
            raise GosanError("usage: goroutine N bt|frame K|CMD, goroutine all bt, goroutine off")
        if argv[0] == "off":
            _view_off()
            return
        rest = argv[1:]
        if argv[0] == "all":
            if not rest or rest[0] not in ("bt", "backtrace"):
                raise GosanError("usage: goroutine all bt [full]")
            for g in _goroutines():
                _print_bt(g, full="full" in rest[1:])
                gdb.write("\n")
            return
        try:
            goid = int(argv[0], 0)
        except ValueError:
            raise GosanError("gosan: `%s` is not a goroutine id (usage: goroutine N bt)" % argv[0])
        g = _find(goid)
        if not rest:
            _select_frame(g, 0)
        elif rest[0] in ("bt", "backtrace"):
            _print_bt(g, full="full" in rest[1:])
        elif rest[0] in ("frame", "f"):
            if len(rest) != 2:
                raise GosanError("usage: goroutine N frame K")
            _select_frame(g, int(rest[1], 0))
        else:
            command = arg.split(None, 1)[1]
            focus = _Focus(g)
            try:
                frames = focus.frames()
                if frames:
                    frames[0].select()
                gdb.execute(command, from_tty)
            finally:
                focus.release()


InfoGoroutines()
Goroutine()
