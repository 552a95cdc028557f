#!/usr/bin/env bash
# Installs the Debian packages gosan needs for LLVM version $1 (default 14),
# only those missing, and only when run as root; otherwise it names them.
set -euo pipefail
llvm=${1:-14}
# libgcc-12-dev, libatomic1: -latomic, for the tests of atomics clang cannot inline
# pkgconf: pkg-config, for test/install (gosan.pc, gosan-checked.pc)
# golang-go: `go tool trace` reads the execution traces in test/trace;
# graphviz: its blocking and scheduler-latency views draw with dot
# gdb: test/gdb drives the goroutine commands (rt/go/gdb/gosan-gdb.py)
# curl: test/debug fetches the debug endpoint's pages with it
# wrk: bench/httpd/run.sh's load generator (no test needs it)
pkgs=(cmake ninja-build python3 python3-psutil gcc make libgcc-12-dev libatomic1 pkgconf golang-go graphviz gdb curl wrk
      clang-$llvm llvm-$llvm-dev llvm-$llvm-tools libclang-$llvm-dev libclang-rt-$llvm-dev)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# nodejs, npm: the SARIF validator of the report_format=sarif tests
# (@microsoft/sarif-multitool, from npm into .tools/, where test/lit.cfg.py
# finds it; a test needing it is skipped without it)
command -v npm >/dev/null || missing+=(nodejs npm)
install_sarif_multitool() {
  local root; root=$(cd "$(dirname "$0")/.." && pwd)
  [ -x "$root/.tools/node_modules/.bin/sarif-multitool" ] && return 0
  command -v npm >/dev/null || return 0
  echo "gosan: installing @microsoft/sarif-multitool into $root/.tools" >&2
  npm install --prefix "$root/.tools" --no-audit --no-fund --silent @microsoft/sarif-multitool >/dev/null ||
    echo "gosan: could not install @microsoft/sarif-multitool; the SARIF tests will be skipped" >&2
  # its postinstall (chmod u+x of the binary) may not run under npm's script policy
  chmod u+x "$root"/.tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool 2>/dev/null || true
}
trap install_sarif_multitool EXIT
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "gosan: missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "gosan: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
