// A program with one report of each kind, for the machine-readable format
// tests (json_every_kind.c, sarif_every_kind.c).  argv[1]:
//   all     a data race, a lock-order inversion, a misuse (close of closed
//           channel), then returns with a goroutine leaked (detect_leaks=1)
//   asleep  a data race, then every goroutine asleep (the all-asleep exit)
//   abort   a data race, then abort() (a fatal signal's exit)
#include <gosan/go.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int counter;
static go_wg wg;
static go_mutex mu_a, mu_b;
static go_chan *done, *never;

static void bump(void *arg)
{
    counter++;
    go_wg_done(&wg);
}

static void a_then_b(void *arg)
{
    go_mutex_lock(&mu_a);
    go_mutex_lock(&mu_b);
    go_mutex_unlock(&mu_b);
    go_mutex_unlock(&mu_a);
    go_chan_send(done, NULL);
}

static void b_then_a(void *arg)
{
    go_mutex_lock(&mu_b);
    go_mutex_lock(&mu_a);
    go_mutex_unlock(&mu_a);
    go_mutex_unlock(&mu_b);
    go_chan_send(done, NULL);
}

static void leaky(void *arg) { go_label_set("role", "leaker"); go_chan_recv(never, NULL); }

static void race(void)
{
    go_wg_add(&wg, 2);
    go_spawn(bump, NULL);
    go_spawn(bump, NULL);
    go_wg_wait(&wg);
}

int main(int argc, char **argv)
{
    done = go_chan_make(0, 0);
    never = go_chan_make(0, 0);
    race();
    if (argc > 1 && !strcmp(argv[1], "asleep")) {
        go_chan_recv(never, NULL);
        return 0;
    }
    if (argc > 1 && !strcmp(argv[1], "abort"))
        abort();
    go_spawn(a_then_b, NULL);
    go_chan_recv(done, NULL);
    go_spawn(b_then_a, NULL);
    go_chan_recv(done, NULL);
    go_chan *c = go_chan_make(0, 0);
    go_chan_close(c);
    go_chan_close(c);
    go_spawn(leaky, NULL);
    fprintf(stderr, "main done\n");
    return 0;
}
