/* shlib_main.c - the executable half of shared_library.c and
 * shared_library_plain.c: it uses Inputs/shlib_part.c twice, as a library
 * it is linked with (start_*) and as one it dlopens (dl_*, path in argv).
 *
 *   prog start|dl PATH chan                 goroutines of the .so's send on
 *                                           the executable's channel; both
 *                                           see the same goroutine count
 *   prog start|dl PATH race ORDER [exit]    the .so's code writes its global,
 *                                           the executable's reads it, with no
 *                                           order between them (ORDER:
 *                                           writer-first|reader-first, as in
 *                                           test/stability/Inputs/two_sides.h)
 *   prog start|dl PATH asleep               a goroutine of the .so's and main
 *                                           blocked for good
 */
#include <dlfcn.h>
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Weak: built with -DNO_START the program is linked with no library of
 * its own and only dlopens one. */
#define WEAK __attribute__((weak))
WEAK int *start_shared_addr(void);
WEAK void start_write(void);
WEAK void start_spawn_senders(go_chan *c, int n);
WEAK int start_num_goroutine(void);
WEAK void start_spawn_stuck(go_chan *c);

static struct {
    int *(*shared_addr)(void);
    void (*write)(void);
    void (*spawn_senders)(go_chan *, int);
    int (*num_goroutine)(void);
    void (*spawn_stuck)(go_chan *);
} lib;

static void *sym(void *h, const char *name)
{
    void *p = dlsym(h, name);
    if (!p) {
        fprintf(stderr, "dlsym %s: %s\n", name, dlerror());
        exit(2);
    }
    return p;
}

static void load(const char *which, const char *path)
{
    if (!strcmp(which, "start")) {
        if (!start_write) {
            fprintf(stderr, "not linked with the start_ library\n");
            exit(2);
        }
        lib.shared_addr = start_shared_addr;
        lib.write = start_write;
        lib.spawn_senders = start_spawn_senders;
        lib.num_goroutine = start_num_goroutine;
        lib.spawn_stuck = start_spawn_stuck;
        return;
    }
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        fprintf(stderr, "dlopen: %s\n", dlerror());
        exit(2);
    }
    lib.shared_addr = sym(h, "dl_shared_addr");
    lib.write = sym(h, "dl_write");
    lib.spawn_senders = sym(h, "dl_spawn_senders");
    lib.num_goroutine = sym(h, "dl_num_goroutine");
    lib.spawn_stuck = sym(h, "dl_spawn_stuck");
}

static void gate_waiter(void *arg) { go_chan_recv(arg, NULL); }

static int chan_mode(void)
{
    go_chan *c = go_chan_make(sizeof(int), 0);
    lib.spawn_senders(c, 4);
    int ids[4];
    for (int i = 0; i < 4; i++)
        go_chan_recv(c, &ids[i]);
    int distinct = 0;
    for (int i = 0; i < 4; i++) {
        bool dup = ids[i] <= 1;
        for (int j = 0; j < i; j++)
            dup |= ids[j] == ids[i];
        distinct += !dup;
    }
    printf("received %d distinct goroutine ids\n", distinct);
    /* Three goroutines of the executable's blocked: one scheduler counts
     * them from either side. */
    go_chan *gate = go_chan_make(0, 0);
    for (int i = 0; i < 3; i++)
        go_spawn(gate_waiter, gate);
    /* Wait (5 s at most) until the senders have exited and the waiters
     * are counted: main and the three waiters.  Then nothing starts or
     * ends while the two sides count. */
    int exe = go_num_goroutine();
    for (int i = 0; i < 5000 && exe != 4; i++) {
        go_sleep(1000000);
        exe = go_num_goroutine();
    }
    printf("goroutines exe %d lib %d\n", exe, lib.num_goroutine());
    go_chan_close(gate);
    return 0;
}

/* The two sides take turns through a relaxed counter, invisible to the
 * checker (two_sides.h). */
static atomic_int turns;
static bool writer_first;

static void my_turn(bool is_writer)
{
    if (is_writer != writer_first)
        while (atomic_load_explicit(&turns, memory_order_relaxed) < 1)
            go_yield();
}

static void writer(void *arg)
{
    (void)arg;
    my_turn(true);
    lib.write();
    atomic_fetch_add_explicit(&turns, 1, memory_order_relaxed);
}

static void reader(void *arg)
{
    (void)arg;
    my_turn(false);
    int r = lib.shared_addr()[0]; /* EXE-READ */
    __asm__ __volatile__("" ::"r"(r));
    atomic_fetch_add_explicit(&turns, 1, memory_order_relaxed);
}

static int race_mode(int argc, char **argv)
{
    writer_first = argc > 4 && !strcmp(argv[4], "writer-first");
    bool exit_at_once = argc > 5 && !strcmp(argv[5], "exit");
    go_spawn(writer, NULL);
    go_spawn(reader, NULL);
    while (atomic_load_explicit(&turns, memory_order_relaxed) < 2)
        go_yield();
    if (!exit_at_once)
        go_sleep(20 * 1000 * 1000);
    printf("main returns\n");
    return 0;
}

static int asleep_mode(void)
{
    go_chan *c = go_chan_make(0, 0);
    lib.spawn_stuck(c);
    go_chan *never = go_chan_make(0, 0);
    go_chan_recv(never, NULL);
    printf("unreachable\n");
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s start|dl PATH chan|race|asleep ...\n", argv[0]);
        return 2;
    }
    load(argv[1], argv[2]);
    if (!strcmp(argv[3], "chan"))
        return chan_mode();
    if (!strcmp(argv[3], "race"))
        return race_mode(argc, argv);
    return asleep_mode();
}
