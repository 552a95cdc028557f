/* counter_test.c - a test with a bug: two goroutines bump one counter
 * without a lock.  It passes as an ordinary program; under the checker it
 * prints a data race report and exits 66, which fails the CI job. */
#include <gosan/go.h>
#include <stdio.h>

static long hits; /* BUG: shared, unprotected */

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
    return 0; /* hits may be 1: the lost update is the bug */
}
