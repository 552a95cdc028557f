/* counter.c - the example of examples/cmake and examples/pkgconfig: two
 * goroutines bump one counter without a lock.  Built plain it prints the
 * count; built checked it also prints a data race report and exits 66. */
#include <gosan/go.h>
#include <stdio.h>

static long hits; /* BUG: shared by both goroutines, unprotected */

static void bump(void *arg) {
    go_wg *wg = arg;
    hits++;
    go_wg_done(wg);
}

int main(void) {
    go_wg wg = {0};
    go_wg_add(&wg, 2);
    go_spawn(bump, &wg);
    go_spawn(bump, &wg);
    go_wg_wait(&wg);
    printf("hits=%ld\n", hits);
    return 0;
}
