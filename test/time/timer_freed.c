// A call on a freed timer, ticker or released context is misuse: the
// library stops with a message naming the call (as long as the memory was
// not reused: here it is not, the test allocates nothing after the free).
// RUN: %plain-cc %s -o %t
// RUN: not --crash %t timer 2>&1 | FileCheck --check-prefix=TIMER %s
// RUN: not --crash %t ticker 2>&1 | FileCheck --check-prefix=TICKER %s
// RUN: not --crash %t context 2>&1 | FileCheck --check-prefix=CONTEXT %s
// RUN: not --crash %t release 2>&1 | FileCheck --check-prefix=RELEASE %s
#include <gosan/go.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    if (!strcmp(argv[1], "timer")) {
        go_time_timer *t = go_time_new_timer(1000000);
        go_time_timer_free(t);
        go_time_timer_reset(t, 1000);
        // TIMER: fatal error: go_time_timer_reset of a freed timer
    } else if (!strcmp(argv[1], "ticker")) {
        go_time_ticker *k = go_time_new_ticker(1000000);
        go_time_ticker_free(k);
        go_time_ticker_stop(k);
        // TICKER: fatal error: go_time_ticker_stop of a freed timer
    } else if (!strcmp(argv[1], "context")) {
        go_context *c = go_context_with_cancel(go_context_background());
        go_context *child = go_context_with_cancel(c); /* keeps c's memory */
        go_context_release(c);
        go_context_err(c);
        // CONTEXT: fatal error: go_context_err of a released context
        (void)child;
    } else {
        go_context *c = go_context_with_value(go_context_background(), "k", NULL);
        go_context *child = go_context_with_cancel(c);
        go_context_release(c);
        go_context_release(c);
        // RELEASE: fatal error: go_context_release of a released context
        (void)child;
    }
    printf("not reached\n");
    return 0;
}
