/* shlib_part.c - the shared-library half of shared_library.c and
 * shared_library_plain.c, built twice: -DP=start_ (a library the program is
 * linked with) and -DP=dl_ (one it dlopens).  Everything here is gosan code
 * in a .so: goroutines it spawns, channels it shares with the executable, a
 * global the executable's code races with, a goroutine left blocked. */
#include <gosan/go.h>

#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
#define F(name) CAT(P, name)

/* The racy variable: alone in its 64 bytes (see test/stability). */
_Alignas(64) int F(shared)[16];

int *F(shared_addr)(void) { return F(shared); }

void F(write)(void)
{
    F(shared)[0] = 1; /* LIB-WRITE */
}

static void sender(void *arg)
{
    int v = (int)go_id();
    go_chan_send(arg, &v);
}

/* n goroutines of the library's, each sending its goroutine id on c. */
void F(spawn_senders)(go_chan *c, int n)
{
    for (int i = 0; i < n; i++)
        go_spawn(sender, c);
}

/* The library's view of the scheduler. */
int F(num_goroutine)(void) { return go_num_goroutine(); }

static void stuck_receiver(void *arg)
{
    go_chan_recv(arg, NULL); /* LIB-STUCK: nobody sends */
}

/* A goroutine of the library's that blocks forever on the executable's c.
 * Not a tail call: the creation stack must show this frame. */
void F(spawn_stuck)(go_chan *c)
{
    if (go_spawn(stuck_receiver, c))
        __builtin_abort();
}
