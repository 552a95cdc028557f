// Hostile and malformed requests to the debug endpoint get a 4xx (or 503
// past the connection limit) and never stop the program's own work:
// garbage, no HTTP version, POST, HTTP/2, NUL bytes raw and escaped, a bad
// escape, a header line with no colon, a 3000-byte target, a 20 KB header,
// 100 header lines, a request cut short, more connections than the limit,
// partial requests held open (slowloris: 408 after the read timeout), and
// 200 random request heads.  The endpoint still answers afterwards.
// REQUIRES: curl
// RUN: %plain-cc %S/Inputs/served.c -o %t.plain
// RUN: python3 %S/Inputs/client.py hostile %t.plain | FileCheck %s
// RUN: %gosan-cc %S/Inputs/served.c -o %t.checked
// RUN: python3 %S/Inputs/client.py hostile %t.checked | FileCheck %s
// CHECK: garbage: HTTP/1.1 400 Bad Request
// CHECK-NEXT: no-version: HTTP/1.1 400 Bad Request
// CHECK-NEXT: post: HTTP/1.1 405 Method Not Allowed
// CHECK-NEXT: http2: HTTP/1.1 505 HTTP Version Not Supported
// CHECK-NEXT: nul: HTTP/1.1 400 Bad Request
// CHECK-NEXT: bad-escape: HTTP/1.1 400 Bad Request
// CHECK-NEXT: escaped-nul: HTTP/1.1 400 Bad Request
// CHECK-NEXT: bad-header: HTTP/1.1 400 Bad Request
// CHECK-NEXT: long-target: HTTP/1.1 414 URI Too Long
// CHECK-NEXT: huge-header: HTTP/1.1 431 Request Header Fields Too Large
// CHECK-NEXT: many-headers: HTTP/1.1 431 Request Header Fields Too Large
// CHECK-NEXT: over-limit refused: True
// CHECK-NEXT: slowloris: HTTP/1.1 408 Request Timeout
// CHECK-NEXT: fuzz: 0 without a status line
// CHECK-NEXT: program kept working: True
// CHECK-NEXT: index-after 200
// CHECK-NEXT: exit 0
