#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Builds the libFuzzer targets with clang (-fsanitize=fuzzer,address,undefined,
# the library's sources compiled again, apart from the normal build) and runs
# each for FUZZ_SECONDS (default 60) on a copy of its corpus. Run by
# `make fuzz`, which passes the sources, flags and libraries below;
# `make fuzz FUZZ_SECONDS=10 FUZZ_TARGETS=fuzz_extract` narrows it.
# A crash, leak, timeout or sanitizer report fails the run and leaves the
# input in $FUZZ_WORKDIR/crash-* (replay it: $FUZZ_WORKDIR/fuzz_extract FILE).
set -eu
: "${NG_SRCDIR:?}" "${FUZZ_WORKDIR:?}" "${FUZZ_SOURCES:?}" "${FUZZ_CFLAGS:?}" "${FUZZ_LIBS:?}"
FUZZ_CC=${FUZZ_CC:-clang}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_TARGETS=${FUZZ_TARGETS:-fuzz_extract fuzz_loaders fuzz_validate}
F="$NG_SRCDIR/tests/fuzz"

if ! command -v "$FUZZ_CC" > /dev/null 2>&1; then
	echo "fuzz: $FUZZ_CC not found (apt-get install clang libfuzzer-14-dev)" >&2
	exit 1
fi
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
CFLAGS="-g -O1 $SAN -fsanitize=fuzzer-no-link -DNG_BUILDING -DNG_SRCDIR=\"$NG_SRCDIR\" \
	-DNG_BUILDDIR=\"$FUZZ_WORKDIR\" -DNG_PKGDATADIR=\"$NG_SRCDIR\" -I$NG_SRCDIR/src $FUZZ_CFLAGS"
mkdir -p "$FUZZ_WORKDIR/obj"
objs=
for s in $FUZZ_SOURCES; do
	case $s in *.c) ;; *) continue ;; esac
	o="$FUZZ_WORKDIR/obj/$(basename "$s" .c).o"
	if [ ! -f "$o" ] || [ "$NG_SRCDIR/$s" -nt "$o" ]; then
		# shellcheck disable=SC2086
		$FUZZ_CC $CFLAGS -c "$NG_SRCDIR/$s" -o "$o"
	fi
	objs="$objs $o"
done
for tg in $FUZZ_TARGETS; do
	# shellcheck disable=SC2086
	$FUZZ_CC $CFLAGS -fsanitize=fuzzer "$F/$tg.c" $objs $FUZZ_LIBS -o "$FUZZ_WORKDIR/$tg" ||
		{ echo "fuzz: cannot build $tg (is libfuzzer-14-dev installed?)" >&2; exit 1; }
done
echo "fuzz: built $FUZZ_TARGETS in $FUZZ_WORKDIR"
[ "$FUZZ_SECONDS" -gt 0 ] || exit 0

# Leaks in raptor's own parsers are not ours (see tests/valgrind.supp).
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:fast_unwind_on_malloc=0:malloc_context_size=6}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$F/lsan.supp:print_suppressions=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
status=0
for tg in $FUZZ_TARGETS; do
	corpus=${tg#fuzz_}
	mkdir -p "$FUZZ_WORKDIR/corpus-$corpus"
	echo "fuzz: $tg for $FUZZ_SECONDS s"
	# New inputs go to the working corpus; the seed corpus is only read.
	if ! (cd "$FUZZ_WORKDIR" && "./$tg" -max_total_time="$FUZZ_SECONDS" -timeout=20 \
		-rss_limit_mb=2560 -max_len=16384 -print_final_stats=1 \
		-artifact_prefix="$FUZZ_WORKDIR/" "corpus-$corpus" "$F/corpus-$corpus") \
		> "$FUZZ_WORKDIR/$tg.log" 2>&1; then
		tail -60 "$FUZZ_WORKDIR/$tg.log" >&2
		echo "fuzz: $tg FAILED; the input is in $FUZZ_WORKDIR/ (crash-*, leak-*, timeout-*)" >&2
		status=1
	else
		grep -E '^stat::number_of_executed_units|^Done' "$FUZZ_WORKDIR/$tg.log" | tr '\n' ' '
		echo
	fi
done
exit $status
