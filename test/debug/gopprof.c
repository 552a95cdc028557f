// Go's own client reads the debug endpoint: `go tool pprof -top` fetches
// the goroutine profile (every goroutine of the program, none of the
// endpoint's threads) and a one-second CPU profile over HTTP, in a
// production build and under the checker.
// REQUIRES: curl, go
// RUN: %plain-cc %S/Inputs/served.c -o %t.plain
// RUN: rm -rf %t.pprof && mkdir -p %t.pprof
// RUN: env PPROF_TMPDIR=%t.pprof python3 %S/Inputs/client.py gopprof %t.plain | FileCheck %s
// RUN: %gosan-cc %S/Inputs/served.c -o %t.checked
// RUN: env PPROF_TMPDIR=%t.pprof python3 %S/Inputs/client.py gopprof %t.checked | FileCheck --check-prefix=CHECKED %s
// CHECK: busy
// CHECK-NEXT: go tool pprof -top /debug/pprof/goroutine: exit 0
// CHECK: Type: goroutine
// CHECK: Showing nodes accounting for 10, 100% of 10 total
// CHECK-DAG: 8 80.00%  spinner
// CHECK-DAG: 1 10.00%  ticker
// CHECK: go tool pprof -top /debug/pprof/profile?seconds=1: exit 0
// CHECK: Type: cpu
// CHECK: spinner
// CHECK: exit 0

// Under the checker a spinner caught inside an access check shows as the
// spinner, not the check's entry (docs/observability.md): the counts are
// those of the production build.
// CHECKED: busy
// CHECKED-NEXT: go tool pprof -top /debug/pprof/goroutine: exit 0
// CHECKED: Type: goroutine
// CHECKED: Showing nodes accounting for 10, 100% of 10 total
// CHECKED-DAG: 8 80.00%  spinner
// CHECKED-DAG: 1 10.00%  ticker
// CHECKED-NOT: __gosan_
// CHECKED: go tool pprof -top /debug/pprof/profile?seconds=1: exit 0
// CHECKED: Type: cpu
// CHECKED-NOT: __gosan_
// CHECKED: spinner
// CHECKED-NOT: __gosan_
// CHECKED: exit 0
