// Labels: go_label_set copies key and value, a NULL value removes the key,
// a spawned goroutine inherits a copy of its creator's labels at go_spawn
// (later changes on either side are not shared), and labels show up in the
// global-deadlock traceback.
// RUN: %plain-cc %s -o %t && %t | FileCheck %s
// RUN: %plain-cc -DDEADLOCK %s -o %t-dl && not %t-dl 2>&1 | FileCheck --check-prefix=DL %s
#include <gosan/go.h>
#include <stdio.h>
#include <string.h>

static go_chan *step;

static const char *show(const char *key) {
    const char *v = go_label_get(key);
    return v ? v : "(none)";
}

static void child(void *arg) {
    int token;
    printf("child sees role=%s req=%s\n", show("role"), show("req"));
    go_chan_recv(step, &token); /* parent changes its labels meanwhile */
    printf("child after parent's change: role=%s req=%s\n", show("role"), show("req"));
    go_label_set("role", "child");
    go_chan_send(step, &token);
}

int main(void) {
    char buf[16];
    strcpy(buf, "server");
    go_label_set("role", buf);
    strcpy(buf, "clobbered"); /* the library kept its own copy */
    go_label_set("req", "42");
    printf("main role=%s req=%s\n", show("role"), show("req"));
    step = go_chan_make(sizeof(int), 0);
    go_spawn(child, NULL);
    int token = 0;
    go_label_set("req", NULL);
    go_label_set("role", "parent");
    go_chan_send(step, &token);
    go_chan_recv(step, &token);
    printf("main after child's change: role=%s req=%s\n", show("role"), show("req"));
#ifdef DEADLOCK
    go_label_set("phase", "shutdown");
    go_chan_recv(step, &token);
#endif
    return 0;
}
// CHECK: main role=server req=42
// CHECK-NEXT: child sees role=server req=42
// CHECK-NEXT: child after parent's change: role=server req=42
// CHECK-NEXT: main after child's change: role=parent req=(none)
// DL: goroutine 1 [chan receive]:
// DL: labels: {"role": "parent", "phase": "shutdown"}
