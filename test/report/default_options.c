// A program builds its defaults in: __gosan_default_options() is parsed
// before GOSAN_OPTIONS, which overrides it flag by flag, and
// __gosan_default_suppressions() adds rules in the suppressions file's
// syntax.  Errors in the built-in options name where they come from.
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: %t > %t.out 2>&1; echo "status $?" >> %t.out
// RUN: FileCheck %s --check-prefix=BUILTIN < %t.out
// RUN: env GOSAN_OPTIONS=exitcode=43 %t > %t.out 2>&1; echo "status $?" >> %t.out
// RUN: FileCheck %s --check-prefix=ENV < %t.out
// RUN: env BAD_DEFAULTS=1 %t > %t.out 2>&1; echo "status $?" >> %t.out
// RUN: FileCheck %s --check-prefix=BAD < %t.out
#include <gosan/go.h>
#include <stdio.h>
#include <stdlib.h>

const char *__gosan_default_options(void)
{
    return getenv("BAD_DEFAULTS") ? "exitcode=nine" : "exitcode=42:report_dedup=1";
}

const char *__gosan_default_suppressions(void)
{
    return "# built in\nrace:^quiet_bump$\n";
}

static int counter, quiet;
static go_wg wg;

static void bump(void *arg)
{
    counter++;
    go_wg_done(&wg);
}

static void quiet_bump(void *arg)
{
    quiet++;
    go_wg_done(&wg);
}

int main(void)
{
    go_wg_add(&wg, 4);
    go_spawn(bump, NULL);
    go_spawn(bump, NULL);
    go_spawn(quiet_bump, NULL);
    go_spawn(quiet_bump, NULL);
    go_wg_wait(&wg);
    fprintf(stderr, "main done\n");
    return 0;
}
// BUILTIN: WARNING: gosan: data race
// BUILTIN: SUMMARY: gosan: data race {{.*}}default_options.c:{{[0-9]+}} in bump
// BUILTIN-NOT: quiet_bump
// BUILTIN: main done
// BUILTIN: status 42
// ENV: SUMMARY: gosan: data race {{.*}} in bump
// ENV-NOT: quiet_bump
// ENV: status 43
// BAD: gosan: FATAL: __gosan_default_options(): bad value 'nine' for flag 'exitcode' (expected an integer in 0..255)
// BAD-NOT: main done
// BAD: status 1
