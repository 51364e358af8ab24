#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The CI steps after the README's `make check`, run from the top build
# directory: (1) a build with --enable-sanitizers (ASan and UBSan) from a
# fresh copy of the distribution tree, and its whole `make check`;
# (2) a short libFuzzer run of each target (`make fuzz`, CI_FUZZ_SECONDS
# each, default 60). Needs clang and libfuzzer-14-dev (see .ci/run).
set -eu
srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=$(pwd)
[ -f "$builddir/Makefile" ] || { echo "ci-hardening: run me from a configured build directory" >&2; exit 2; }
jobs=$(nproc 2> /dev/null || echo 2)
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
# tests/hostile.sh runs its unreadable-file case as nobody, who must be
# able to enter the build tree to run newsgraph.
chmod 755 "$w"

echo "ci-hardening: sanitizer build and make check in $w"
make -s distdir distdir="$w/src" > /dev/null
mkdir "$w/san"
cd "$w/san"
"$w/src/configure" -q --enable-sanitizers
make -s -j"$jobs" > /dev/null
# Third-party leaks only (raptor 2.0.15); see the file. Its raptor
# suppressions match only with the slow unwinder (raptor has no frame
# pointers), which makes every allocation several times slower: Check's
# per-test timeouts are stretched to match.
CK_TIMEOUT_MULTIPLIER=10 \
LSAN_OPTIONS="suppressions=$srcdir/tests/fuzz/lsan.supp:print_suppressions=0:fast_unwind_on_malloc=0" \
UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
	make -s -j"$jobs" check || { cat test-suite.log; exit 1; }

echo "ci-hardening: fuzzing, ${CI_FUZZ_SECONDS:-60} s per target"
cd "$builddir"
make -s fuzz FUZZ_SECONDS="${CI_FUZZ_SECONDS:-60}"
echo "ci-hardening: all passed"
