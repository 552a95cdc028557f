// report_format=json: every report kind (a data race, a lock-order
// inversion, a misuse, a goroutine leak at exit, the all-asleep deadlock;
// the exit through a fatal signal) is one JSON object on one line of the
// report output, valid against docs/report.schema.json, instead of the
// text; the count line is left out so the output stays JSON.  A second run
// gives the same fingerprints (no addresses in them).
// REQUIRES: plugin
// RUN: %gosan-cc %S/Inputs/every_kind.c -o %t
// RUN: rm -rf %t.d && mkdir %t.d
// RUN: env GOSAN_OPTIONS=detect_leaks=1:leak_grace_ms=50:report_format=json:source_root=%S:log_path=%t.d/all %t all 2> %t.err; echo "status $?" >> %t.err
// RUN: FileCheck %s --check-prefix=STDERR < %t.err
// RUN: %python %S/Inputs/check_report_json.py %S/../../docs/report.schema.json %t.d/all.* "data race" "lock-order inversion (potential deadlock)" "close of closed channel" "goroutine leak" > %t.all
// RUN: FileCheck %s --check-prefix=ALL < %t.all
// RUN: env GOSAN_OPTIONS=detect_leaks=1:leak_grace_ms=50:report_format=json:source_root=%S:log_path=%t.d/again %t all 2> /dev/null || true
// RUN: %python %S/Inputs/check_report_json.py %S/../../docs/report.schema.json %t.d/again.* > %t.again
// RUN: cut -d'|' -f1,2 %t.all > %t.fp1 && cut -d'|' -f1,2 %t.again > %t.fp2 && diff %t.fp1 %t.fp2
// RUN: env GOSAN_OPTIONS=report_format=json:log_path=%t.d/asleep %t asleep 2> /dev/null; echo "status $?" > %t.st
// RUN: %python %S/Inputs/check_report_json.py %S/../../docs/report.schema.json %t.d/asleep.* "data race" "deadlock" >> %t.st
// RUN: FileCheck %s --check-prefix=ASLEEP < %t.st
// RUN: env GOSAN_OPTIONS=report_format=json:log_path=%t.d/abort sh -c '%t abort' 2> /dev/null; echo "status $?" > %t.st
// RUN: %python %S/Inputs/check_report_json.py %S/../../docs/report.schema.json %t.d/abort.* "data race" >> %t.st
// RUN: FileCheck %s --check-prefix=ABORT < %t.st
// RUN: %python -c "import json,sys; r=[json.loads(l) for l in open(sys.argv[1])][0]; s=r['stacks']; print(r['summary'], s[0]['goroutine'], s[1]['goroutine'], s[0]['frames'][0], r['object']['kind'], r['object']['name'], r['object']['size'])" %t.d/all.* | FileCheck %s --check-prefix=RACE
// RUN: %python -c "import json,sys; r=[json.loads(l) for l in open(sys.argv[1])][3]; s=r['stacks'][0]; print('leak', s['goroutine'], s['labels'], s['frames'][0]['function'])" %t.d/all.* | FileCheck %s --check-prefix=LEAK

// LEAK: leak {{[0-9]+}} role=leaker leaky

// STDERR-NOT: WARNING: gosan
// STDERR: main done
// STDERR-NOT: gosan
// STDERR: status 66

// ALL: report: data race | {{[0-9a-f]+}} | bump
// ALL-NEXT: report: lock-order inversion (potential deadlock) | {{[0-9a-f]+}} | b_then_a
// ALL-NEXT: report: close of closed channel | {{[0-9a-f]+}} | main
// ALL-NEXT: report: goroutine leak | {{[0-9a-f]+}} | leaky
// ALL-NEXT: valid: 4 report(s)

// ASLEEP: status 66
// ASLEEP: report: data race
// ASLEEP-NEXT: report: deadlock | {{.*}} | main
// ASLEEP-NEXT: valid: 2 report(s)

// ABORT: status 134
// ABORT: report: data race
// ABORT-NEXT: valid: 1 report(s)

// RACE: {'function': 'bump', 'file': 'Inputs/every_kind.c', 'line': 20, 'column': 12} {{[0-9]+}} {{[0-9]+}} {'function': 'bump', 'file': 'Inputs/every_kind.c', 'line': 20, 'column': 12} global counter 4
