// Under the checker SIGQUIT keeps the checker's behaviour: the library's
// production dump is not installed, so SIGQUIT keeps the disposition it
// had (the default action unless inherited as ignored), and with
// dump_on_sigquit=1 the checker's own handler prints the checker's dump and
// the program goes on (test/dump/sigquit.c).
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: %t | FileCheck %s
#include <gosan/go.h>
#include <signal.h>
#include <stdio.h>

int main(void)
{
    struct sigaction cur;
    sigaction(SIGQUIT, NULL, &cur);
    int handled = (cur.sa_flags & SA_SIGINFO) || (cur.sa_handler != SIG_DFL && cur.sa_handler != SIG_IGN);
    printf("SIGQUIT handler installed: %s\n", handled ? "yes" : "no");
    return 0;
}

// CHECK: SIGQUIT handler installed: no
