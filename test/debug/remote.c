// The debug endpoint serves loopback addresses only, unless the address
// ends in ",allow-remote": gosan_debug_serve refuses 0.0.0.0, "" (every
// interface, as Go reads ":PORT") and a malformed address with GO_EINVAL
// (-3), and so does GOSAN_DEBUG_ADDR, saying why on stderr; with the
// opt-in it serves.  GOSAN_DEBUG_ADDR=127.0.0.1:0 serves from start-up and
// names the port it took.
// REQUIRES: curl
// RUN: %plain-cc %S/Inputs/served.c -o %t
// RUN: not %t 0.0.0.0:0 < /dev/null | FileCheck %s --check-prefix=ANY
// RUN: not %t :0 < /dev/null | FileCheck %s --check-prefix=EMPTY
// RUN: not %t 127.0.0.1 < /dev/null | FileCheck %s --check-prefix=NOPORT
// RUN: not %t 127.0.0.1:70000 < /dev/null | FileCheck %s --check-prefix=BIGPORT
// RUN: not %t 127.0.0.1:0,remote < /dev/null | FileCheck %s --check-prefix=BADFLAG
// RUN: %t 0.0.0.0:0,allow-remote < /dev/null | FileCheck %s --check-prefix=OPTIN
// RUN: %t [::1]:0 < /dev/null | FileCheck %s --check-prefix=OPTIN
// RUN: env GOSAN_DEBUG_ADDR=0.0.0.0:0 %t - < /dev/null 2>&1 | FileCheck %s --check-prefix=ENVANY
// RUN: env GOSAN_DEBUG_ADDR=127.0.0.1:0 python3 %S/Inputs/client.py env %t - | FileCheck %s --check-prefix=ENV
// ANY: serve 0.0.0.0:0: error -3
// EMPTY: serve :0: error -3
// NOPORT: serve 127.0.0.1: error -3
// BIGPORT: serve 127.0.0.1:70000: error -3
// BADFLAG: serve 127.0.0.1:0,remote: error -3
// OPTIN: port {{[1-9][0-9]*}}
// ENVANY: gosan: GOSAN_DEBUG_ADDR=0.0.0.0:0: not served: the address must be HOST:PORT on a loopback interface, or end in ",allow-remote" to serve other hosts
// ENVANY-NEXT: port 0
// ENV: stderr: gosan: debug endpoint at http://127.0.0.1:[[PORT:[0-9]+]]/debug/pprof/
// ENV-NEXT: index 200
// ENV-NEXT: exit 0
