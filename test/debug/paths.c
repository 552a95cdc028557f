// The debug endpoint serves every path of Go's net/http/pprof on an
// ephemeral port, in a production build and under the checker: the index
// lists the profiles, the trace is Go 1.19's format, bad parameters and
// unknown paths are refused, and the program keeps running meanwhile.
// The checker's /debug/gosan/ pages exist only when it is linked.
// REQUIRES: curl
// RUN: %plain-cc %S/Inputs/served.c -o %t.plain
// RUN: python3 %S/Inputs/client.py paths %t.plain | FileCheck %s --check-prefixes=CHECK,PLAIN
// RUN: %gosan-cc %S/Inputs/served.c -o %t.checked
// RUN: python3 %S/Inputs/client.py paths %t.checked | FileCheck %s --check-prefixes=CHECK,CHECKED
// CHECK: index 200 lists=goroutine,mutex,block,profile,trace
// CHECK-NEXT: index-noslash 200
// CHECK-NEXT: /debug/pprof/goroutine?debug=1 200 goroutine profile: total 2
// CHECK-NEXT: /debug/pprof/goroutine?debug=2 200 goroutine 1 [running]:
// CHECK-NEXT: /debug/pprof/mutex?debug=1 200 --- mutex:
// CHECK-NEXT: /debug/pprof/block?debug=2 200 --- contention:
// CHECK-NEXT: /debug/pprof/goroutine 200 gzip
// CHECK-NEXT: /debug/pprof/mutex 200 gzip
// CHECK-NEXT: /debug/pprof/block 200 gzip
// CHECK-NEXT: /debug/pprof/profile?seconds=1 200 gzip
// CHECK-NEXT: /debug/pprof/goroutine?debug=x 400 debug must be 0, 1 or 2: debug=x
// CHECK-NEXT: /debug/pprof/mutex?seconds=5 400 seconds= (a delta profile) is not supported for the mutex profile
// CHECK-NEXT: /debug/pprof/profile?seconds=301 400 seconds must be an integer from 1 to 300
// CHECK-NEXT: trace 200 header=b'go 1.19 trace\x00'
// CHECK-NEXT: trace-seconds-0 400 seconds must be an integer from 1 to 60
// CHECK-NEXT: trace-seconds-x 400
// CHECK-NEXT: cmdline 200 argv0
// CHECK-NEXT: heap 404 Unknown profile: heap
// CHECK-NEXT: nothing 404
// PLAIN-NEXT: gosan 404 the checker is not linked into this program
// CHECKED-NEXT: gosan 200 reports - the reports printed so far
// CHECK-NEXT: ticks-moved True
// CHECK-NEXT: exit 0
