/* demo.c - the README's demo: a bank with two bugs gosan finds.
 *
 *   1. `audits` is bumped by every teller without the lock: a data race.
 *   2. transfer() locks the two accounts in argument order, so a transfer
 *      a->b running beside b->a can deadlock: a lock-order inversion, found
 *      even though this run never hangs (the transfers are sequenced).
 */
#include <gosan/go.h>
#include <stdio.h>

typedef struct account {
    go_mutex mu;
    long balance;
} account;

static account alice = {.balance = 100}, bob = {.balance = 100};
static long audits; /* BUG 1: shared, unprotected */

static void transfer(account *from, account *to, long amount) {
    go_mutex_lock(&from->mu); /* BUG 2: lock order depends on the arguments */
    go_mutex_lock(&to->mu);
    from->balance -= amount;
    to->balance += amount;
    go_mutex_unlock(&to->mu);
    go_mutex_unlock(&from->mu);
}

static void teller(void *arg) {
    go_wg *wg = arg;
    go_label_set("role", "teller");
    audits++;
    go_wg_done(wg);
}

int main(void) {
    go_wg wg = {0};
    go_wg_add(&wg, 2);
    go_spawn(teller, &wg);
    go_spawn(teller, &wg);
    go_wg_wait(&wg);

    transfer(&alice, &bob, 10);
    transfer(&bob, &alice, 5);
    printf("alice=%ld bob=%ld audits=%ld\n", alice.balance, bob.balance, audits);
    return 0;
}
