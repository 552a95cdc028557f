// report_format=sarif: one SARIF 2.1.0 log per process, written at exit
// (return from main, the all-asleep exit, a fatal signal), valid for
// Microsoft's SARIF multitool, with one result per report of every kind,
// locations relative to source_root (SRCROOT), one thread flow per stack,
// related locations for the other sides and partialFingerprints equal to
// the json format's fingerprints.  With sarif_path the text reports still
// go to stderr; without it the log replaces them on the report output.
// REQUIRES: plugin, sarif-multitool
// RUN: %gosan-cc %S/Inputs/every_kind.c -o %t
// RUN: rm -rf %t.d && mkdir %t.d
// RUN: env GOSAN_OPTIONS=detect_leaks=1:leak_grace_ms=50:report_format=sarif:source_root=%S:sarif_path=%t.d/all %t all 2> %t.err; echo "status $?" >> %t.err
// RUN: FileCheck %s --check-prefix=TEXT < %t.err
// RUN: env GOSAN_OPTIONS=report_format=sarif:source_root=%S/:sarif_path=%t.d/asleep %t asleep 2> /dev/null; echo "status $?" > %t.st
// RUN: env GOSAN_OPTIONS=report_format=sarif:source_root=%S:sarif_path=%t.d/abort sh -c '%t abort' 2> /dev/null; echo "status $?" >> %t.st
// RUN: env GOSAN_OPTIONS=detect_leaks=1:leak_grace_ms=50:report_format=sarif:source_root=%S:log_path=%t.d/inline %t all 2> %t.err2; echo "status $?" >> %t.st
// RUN: FileCheck %s --check-prefix=STATUS < %t.st
// RUN: FileCheck %s --check-prefix=NOTEXT < %t.err2
// RUN: %python %S/Inputs/check_sarif.py %sarif-multitool %t.d %t.d/all.*.sarif %t.d/asleep.*.sarif %t.d/abort.*.sarif %t.d/inline.* > %t.out
// RUN: FileCheck %s < %t.out
// RUN: env GOSAN_OPTIONS=detect_leaks=1:leak_grace_ms=50:report_format=json:source_root=%S:log_path=%t.d/json %t all 2> /dev/null || true
// RUN: %python %S/Inputs/check_report_json.py %S/../../docs/report.schema.json %t.d/json.* | grep report: | cut -d'|' -f2 | tr -d ' ' > %t.fp-json
// RUN: grep -A4 '^all:' %t.out | grep result: | cut -d'|' -f2 | tr -d ' ' > %t.fp-sarif
// RUN: diff %t.fp-json %t.fp-sarif

// TEXT: WARNING: gosan: data race
// TEXT: WARNING: gosan: lock-order inversion
// TEXT: WARNING: gosan: close of closed channel
// TEXT: WARNING: gosan: goroutine leak
// TEXT: gosan: reported 4 warnings
// TEXT: status 66

// STATUS: status 66
// STATUS-NEXT: status 134
// STATUS-NEXT: status 66

// NOTEXT-NOT: gosan
// NOTEXT: main done
// NOTEXT-NOT: gosan

// CHECK: validator: no errors in 4 file(s)
// CHECK-NEXT: all: 4 result(s)
// CHECK-NEXT: result: data-race | [[RACE:[0-9a-f]+]] | Inputs/every_kind.c:20 | flows 4 | related 3
// CHECK-NEXT: result: lock-order-inversion-potential-deadlock | {{[0-9a-f]+}} | Inputs/every_kind.c:36 | flows 6 | related 5
// CHECK-NEXT: result: close-of-closed-channel | {{[0-9a-f]+}} | Inputs/every_kind.c:69 | flows 1 | related 0
// CHECK-NEXT: result: goroutine-leak | {{[0-9a-f]+}} | Inputs/every_kind.c:42 | flows 2 | related 1
// CHECK-NEXT: asleep: 2 result(s)
// CHECK-NEXT: result: data-race | [[RACE]] | Inputs/every_kind.c:20
// CHECK-NEXT: result: deadlock | {{[0-9a-f]+}} | Inputs/every_kind.c:58 | flows 1 | related 0
// CHECK-NEXT: abort: 1 result(s)
// CHECK-NEXT: result: data-race | [[RACE]] | Inputs/every_kind.c:20
// CHECK-NEXT: inline: 4 result(s)
// CHECK-NEXT: result: data-race | [[RACE]] | Inputs/every_kind.c:20
