/* sync_object_sides.h - races on a POSIX synchronisation object itself:
 * its init or destroy call (a write of the object) on one thread, a use
 * of it (lock, wait, signal, post...: a read) on another, in a chosen
 * real-time order, and the uses that must stay silent.  Plain pthreads,
 * no goroutine API, so the same program builds with
 * `clang -fsanitize=thread` to compare verdicts with TSan.
 *
 * The including test defines the object and four functions:
 *   obj_init()     the init call (pthread_mutex_init...)
 *   obj_destroy()  the destroy call
 *   obj_use()      a use that does not block (lock and unlock, ...)
 *   obj_handoff(is_main) the use on each side of a hand-off the object
 *                  itself orders: the thread's, then main's (which may
 *                  wait for the thread's with other_side_done()), after
 *                  which main destroys it: ordered, no race
 * and, when the object has a static initialiser, HAVE_STATIC_INIT (the
 * object is defined with it).  The object is declared OBJECT_ALONE, and one
 * smaller than 16 bytes is padded to 16: its calls access its first byte,
 * and the checker keeps four access records per 16-byte granule, which
 * accesses to neighbouring variables (the turn counter) would take.
 *
 * argv[1], the scenario:
 *   init-then-use      a thread initialises the object, then another uses it
 *   use-then-init      a thread uses it (main initialised it before creating
 *                      the threads), then another initialises it again
 *   use-then-destroy   a thread uses it, then another destroys it
 *   destroy-then-use   a thread destroys it, then another uses it
 * each a race whichever call comes first in real time: nothing orders the
 * two threads.  argv[2] == "exit" makes main return as soon as the second
 * call is done, without joining: the report of a race found by that call
 * is still being written then, and the exit must wait for it.
 *   ordered            main initialises it, then four threads use it 200
 *                      times each, main joins them and destroys it
 *   static             the same with the static initialiser and no init
 *   handoff            main initialises it, a thread and main hand off
 *                      through it (obj_handoff), main destroys it at once
 *                      (argv[2] == "exit": and returns without joining)
 * none a race.
 *
 * The two sides take turns through `turns`, a relaxed atomic counter, which
 * orders nothing for a checker.
 */
#ifndef SYNC_OBJECT_SIDES_H
#define SYNC_OBJECT_SIDES_H

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OBJECT_ALONE _Alignas(64)

static void obj_init(void);
static void obj_destroy(void);
static void obj_use(void);
static void obj_handoff(bool is_main);

static atomic_int turns;
static bool exit_at_once;

static void spin_until(int at_least)
{
    while (atomic_load_explicit(&turns, memory_order_relaxed) < at_least)
        sched_yield();
}

static void take_turn(void)
{
    atomic_fetch_add_explicit(&turns, 1, memory_order_relaxed);
}

/* One side: waits for its turn (first: 0, second: 1), calls fn, passes the
 * turn on. */
typedef struct side {
    void (*fn)(void);
    int turn;
} side;

static void *side_main(void *p)
{
    side *s = p;
    spin_until(s->turn);
    s->fn();
    take_turn();
    return NULL;
}

/* Two threads, `first` then `second` in real time; main returns right
 * after the second with "exit", else after joining both. */
static int two_sides(void (*first)(void), void (*second)(void))
{
    static side a, b;
    pthread_t ta, tb;
    a.fn = first;
    a.turn = 0;
    b.fn = second;
    b.turn = 1;
    /* the second side's thread starts first, so the order is the turns'
     * alone, not the creation order */
    pthread_create(&tb, NULL, side_main, &b);
    pthread_create(&ta, NULL, side_main, &a);
    spin_until(2);
    if (!exit_at_once) {
        pthread_join(ta, NULL);
        pthread_join(tb, NULL);
    }
    printf("main returns\n");
    return 0;
}

static void *user_main(void *p)
{
    (void)p;
    for (int i = 0; i < 200; i++)
        obj_use();
    return NULL;
}

static int many_users(bool init)
{
    pthread_t t[4];
    if (init)
        obj_init();
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, user_main, NULL);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    obj_destroy();
    printf("main returns\n");
    return 0;
}

/* For obj_handoff(true): the thread's side is done (in real time only). */
static void other_side_done(void)
{
    spin_until(1);
}

static void *handoff_thread(void *p)
{
    (void)p;
    obj_handoff(false);
    take_turn();
    return NULL;
}

static int handoff(void)
{
    pthread_t t;
    obj_init();
    pthread_create(&t, NULL, handoff_thread, NULL);
    obj_handoff(true);
    obj_destroy();
    if (!exit_at_once)
        pthread_join(t, NULL);
    printf("main returns\n");
    return 0;
}

static int run_scenario(int argc, char **argv)
{
    const char *s = argc > 1 ? argv[1] : "";
    exit_at_once = argc > 2 && !strcmp(argv[2], "exit");
    if (!strcmp(s, "init-then-use"))
        return two_sides(obj_init, obj_use);
    if (!strcmp(s, "use-then-init")) {
        obj_init();
        return two_sides(obj_use, obj_init);
    }
    if (!strcmp(s, "use-then-destroy")) {
        obj_init();
        return two_sides(obj_use, obj_destroy);
    }
    if (!strcmp(s, "destroy-then-use")) {
        obj_init();
        return two_sides(obj_destroy, obj_use);
    }
    if (!strcmp(s, "ordered"))
        return many_users(true);
#ifdef HAVE_STATIC_INIT
    if (!strcmp(s, "static"))
        return many_users(false);
#endif
    if (!strcmp(s, "handoff"))
        return handoff();
    fprintf(stderr, "usage: %s init-then-use|use-then-init|use-then-destroy|destroy-then-use|"
                    "ordered|static|handoff [exit]\n", argv[0]);
    return 2;
}

#endif
