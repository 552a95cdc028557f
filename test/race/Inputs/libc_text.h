/* libc_text.h - the harness of test/race/libc_text.c and .cpp: one
 * goroutine writes `buf` (or `st`) with a plain store, another passes it to
 * the libc call chosen by -D<CALL>.  argv[1] orders them in real time
 * through `turns`, a relaxed atomic that orders nothing for the checker:
 *   plain-first  the store completes before the call starts
 *   libc-first   the call completes before the store starts
 *   ordered      the store, then a WaitGroup, then the call (no race)
 * and argv[2] == "exit" makes main return as soon as both are done.
 */
#include <gosan/go.h>
#include <errno.h>
#include <stdbool.h>
#ifdef __cplusplus
#include <atomic>
using std::atomic_fetch_add_explicit;
using std::atomic_int;
using std::atomic_load_explicit;
using std::memory_order_relaxed;
#define _Alignas alignas
#else
#include <stdatomic.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Not static, and alone in their cache lines, so the report names them. */
_Alignas(64) char buf[64] = "hello";
_Alignas(64) struct stat st;
static bool plain_first = true, exit_at_once, ordered;
static atomic_int turns;
static go_wg wg;

static void take_turn(bool plain)
{
    if (!ordered && plain != plain_first)
        while (atomic_load_explicit(&turns, memory_order_relaxed) < 1)
            go_yield();
}

static void libc_call(void)
{
#if defined(PUTS)
    puts(buf);
#elif defined(FPUTS)
    fputs(buf, stdout);
#elif defined(STRDUP)
    char *volatile copy = strdup(buf); /* volatile: kept by the optimiser */
    free(copy);
#elif defined(FGETS) || defined(GETLINE)
    static char text[] = "a line\n";
    FILE *f = fmemopen(text, sizeof text - 1, "r");
#if defined(FGETS)
    if (!fgets(buf, sizeof buf, f))
        abort();
#else
    char *line = buf;
    size_t cap = sizeof buf;
    if (getline(&line, &cap, f) <= 0 || line != buf)
        abort();
#endif
    fclose(f);
#elif defined(SNPRINTF_OUT)
    snprintf(buf, sizeof buf, "%d", 42);
#elif defined(SNPRINTF_FMT)
    char out[64];
    snprintf(out, sizeof out, buf);
    __asm__ __volatile__("" ::"r"(out) : "memory");
#elif defined(STRERROR_R)
    /* An unknown number: the GNU strerror_r writes buf only then. */
    char *r = (char *)(long)strerror_r(12345, buf, sizeof buf);
    (void)r;
#elif defined(STAT)
    if (stat("/", &st))
        abort();
#else
#error "choose a call"
#endif
}

static void plain_side(void *arg)
{
    (void)arg;
    take_turn(true);
#if defined(STAT)
    st.st_mode = 1;
#else
    buf[0] = 'h';
#endif
    atomic_fetch_add_explicit(&turns, 1, memory_order_relaxed);
    if (ordered)
        go_wg_done(&wg);
}

static void libc_side(void *arg)
{
    (void)arg;
    if (ordered)
        go_wg_wait(&wg);
    take_turn(false);
    libc_call();
    atomic_fetch_add_explicit(&turns, 1, memory_order_relaxed);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    plain_first = strcmp(argv[1], "libc-first") != 0;
    ordered = !strcmp(argv[1], "ordered");
    exit_at_once = argc > 2;
    go_wg_add(&wg, 1);
    go_spawn(plain_side, NULL);
    go_spawn(libc_side, NULL);
    while (atomic_load_explicit(&turns, memory_order_relaxed) < 2)
        go_yield();
    if (!exit_at_once)
        go_sleep(20 * 1000 * 1000);
    fflush(stdout);
    printf("main returns\n");
    return 0;
}
