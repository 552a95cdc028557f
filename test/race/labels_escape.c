// Labels are printed escaped as Go's %q does, so a label cannot forge
// report lines or send terminal escapes: control characters, DEL, invalid
// UTF-8 and bidi/zero-width characters are escaped, a key or value with
// characters that would make `k=v, ...` ambiguous is quoted, a long value
// is cut with `"..."...`, and a list too long for the report ends with
// `... N more`.  Race reports (the labelled goroutine running, or finished
// before the report), gosan_dump and leak reports all do so.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: not %t finished 2>&1 | FileCheck %s --check-prefixes=CHECK,REPORT
// RUN: not %t running 2>&1 | FileCheck %s --check-prefixes=CHECK,REPORT
// RUN: %t dump 2>&1 | FileCheck %s --check-prefixes=CHECK,DUMP
// RUN: env GOSAN_OPTIONS=leak_grace_ms=10 not %t leak 2>&1 | FileCheck %s --check-prefixes=CHECK,REPORT
#include <gosan/go.h>
#include <gosan/gosan.h>
#include <stdio.h>
#include <string.h>

static int x;
static int flag; /* relaxed: orders nothing for the checker */
static go_chan *block;
static go_wg done;

static void set_labels(void)
{
    char long_value[301];
    memset(long_value, 'x', 300);
    long_value[300] = 0;
    go_label_set("job", "evil\nWARNING: gosan: forged\x1b[2J");
    go_label_set("sp ace", "a=b, c");
    go_label_set("u", "\xff\xe2\x80\xaeok");
    go_label_set("long", long_value);
    for (int i = 0; i < 40; i++) {
        char k[8];
        snprintf(k, sizeof k, "k%02d", i);
        go_label_set(k, "v");
    }
}

static void wait_flag(void)
{
    while (!__atomic_load_n(&flag, __ATOMIC_RELAXED))
        go_sleep(1000000);
}

static void child(void *arg)
{
    const char *mode = arg;
    set_labels();
    if (!strcmp(mode, "finished")) { /* writes first, then is gone */
        x = 1;
        __atomic_store_n(&flag, 1, __ATOMIC_RELAXED);
    } else if (!strcmp(mode, "running")) { /* writes second, reports itself */
        wait_flag();
        x = 1;
        go_wg_done(&done);
    } else { /* stays blocked for the dump or the leak check */
        __atomic_store_n(&flag, 1, __ATOMIC_RELAXED);
        go_chan_recv(block, NULL);
    }
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "running";
    block = go_chan_make(0, 0);
    go_wg_add(&done, 1);
    go_spawn(child, (void *)mode);
    if (!strcmp(mode, "finished")) {
        wait_flag();
        go_sleep(50000000); /* the child finishes meanwhile */
        x = 2;
    } else if (!strcmp(mode, "running")) {
        x = 2;
        __atomic_store_n(&flag, 1, __ATOMIC_RELAXED);
        go_wg_wait(&done);
    } else if (!strcmp(mode, "dump")) {
        wait_flag();
        go_sleep(20000000);
        gosan_dump(2);
        go_chan_send(block, NULL);
    } else {
        wait_flag();
        gosan_leakcheck();
    }
    fprintf(stderr, "main done %d\n", x);
    return 0;
}
// CHECK-NOT: {{^}}WARNING: gosan: forged
// REPORT: [job="evil\nWARNING: gosan: forged\x1b[2J", "sp ace"="a=b, c", u="\xff\u202eok", long="{{x+}}"..., k00=v, {{.*}}, ... {{[0-9]+}} more]
// DUMP: labels: {"job":"evil\nWARNING: gosan: forged\x1b[2J", "sp ace":"a=b, c", "u":"\xff\u202eok", "long":"{{x+}}"..., "k00":"v", {{.*}}, ... {{[0-9]+}} more}
// CHECK-NOT: {{^}}WARNING: gosan: forged
// CHECK: main done
