#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# valgrind memcheck on newsgraph extract of samples/ in each format: no
# invalid access, no use of uninitialized memory, no leak. tests/valgrind.supp
# suppresses third-party leaks only. Skipped (77) without valgrind and in
# sanitizer builds (ASan and valgrind do not mix).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
: "${NG_SRCDIR:=$(dirname "$here")}"
: "${NG_BUILDDIR:=.}"
: "${NG_BIN:=$NG_BUILDDIR/src/newsgraph}"
if ! command -v valgrind > /dev/null 2>&1; then
	echo "valgrind: SKIP: valgrind not found (apt-get install valgrind)"
	exit 77
fi
for lib in "$NG_BUILDDIR"/src/.libs/libnewsgraph.so "$NG_BIN"; do
	if [ -f "$lib" ] && grep -q -a __asan_init "$lib"; then
		echo "valgrind: SKIP: this is a sanitizer build"
		exit 77
	fi
done
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
# The CLI is a libtool wrapper script in the build tree: run the real binary.
run=
[ -x "$NG_BUILDDIR/libtool" ] && run="$NG_BUILDDIR/libtool --mode=execute"
vg() {
	# shellcheck disable=SC2086
	$run valgrind -q --error-exitcode=1 --leak-check=full --show-leak-kinds=definite,indirect \
		--errors-for-leak-kinds=definite,indirect --track-origins=yes \
		--suppressions="$NG_SRCDIR/tests/valgrind.supp" "$NG_BIN" "$@" 2> "$t/vg" ||
		{ cat "$t/vg" >&2; echo "FAIL: valgrind: newsgraph $*" >&2; exit 1; }
}
for f in turtle nquads; do
	vg extract -f $f -o "$t/out.$f" "$NG_SRCDIR"/samples/*.txt
done
vg extract -e "$NG_SRCDIR"/samples/000_5f5350e0ab9f7d37.txt > /dev/null
vg validate "$t/out.turtle" > /dev/null
echo "valgrind: memcheck clean on extract and validate of samples/"
