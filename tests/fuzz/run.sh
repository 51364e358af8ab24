#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Builds the libFuzzer targets with clang (-fsanitize=fuzzer,address,undefined,
# the library's sources compiled again, apart from the normal build) and runs
# each for FUZZ_SECONDS (default 60) on a copy of its corpus. Run by
# `make fuzz`, which passes the sources, flags and libraries below;
# `make fuzz FUZZ_SECONDS=10 FUZZ_TARGETS=fuzz_extract` narrows it, and
# `make fuzz-long` runs each for an hour.
#
# Each target runs in two passes. The fuzzing pass unwinds the stack of
# each allocation the fast way (frame pointers) and leaves leaks alone:
# raptor2 has no frame pointers, so only the slow unwinder sees the raptor
# frames that the third-party suppressions (lsan.supp) name, and it costs
# five to ten times the inputs a second. The leak pass then runs every
# input of the corpus (the seeds and all that fuzzing added) once, with
# the slow unwinder, leak detection and the suppressions.
#
# A crash, leak, timeout or sanitizer report fails the run and leaves the
# input in $FUZZ_WORKDIR/crash-* (replay it: $FUZZ_WORKDIR/fuzz_extract FILE).
# The inputs of findings not fixed yet, tests/fuzz/open/TARGET-*, are
# replayed and reported, without failing the run.
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
BASE="-g -O1 $SAN -DNG_BUILDING -DNG_SRCDIR=\"$NG_SRCDIR\" \
	-DNG_BUILDDIR=\"$FUZZ_WORKDIR\" -DNG_PKGDATADIR=\"$NG_SRCDIR\" -I$NG_SRCDIR/src $FUZZ_CFLAGS"
CFLAGS="$BASE -fsanitize=fuzzer-no-link"
# The validator is fuzz_extract's oracle, not its target: built again
# without coverage, so that its branches neither guide libFuzzer nor cost
# it time there. fuzz_validate fuzzes it with coverage.
ORACLE="triples xsd results shacl_compile shacl owl validate"
mkdir -p "$FUZZ_WORKDIR/obj" "$FUZZ_WORKDIR/obj-oracle"
# Compiles source $1 to object $2 with flags $3 when the source or any
# header of src/ is newer than the object.
compile() {
	if [ ! -f "$2" ] || [ "$NG_SRCDIR/$1" -nt "$2" ] ||
		[ -n "$(find "$NG_SRCDIR/src" -name '*.h' -newer "$2")" ]; then
		# shellcheck disable=SC2086
		$FUZZ_CC $3 -c "$NG_SRCDIR/$1" -o "$2"
	fi
}
objs= extract_objs=
for s in $FUZZ_SOURCES; do
	case $s in *.c) ;; *) continue ;; esac
	b=$(basename "$s" .c)
	compile "$s" "$FUZZ_WORKDIR/obj/$b.o" "$CFLAGS"
	objs="$objs $FUZZ_WORKDIR/obj/$b.o"
	case " $ORACLE " in
	*" $b "*)
		compile "$s" "$FUZZ_WORKDIR/obj-oracle/$b.o" "$BASE"
		extract_objs="$extract_objs $FUZZ_WORKDIR/obj-oracle/$b.o" ;;
	*) extract_objs="$extract_objs $FUZZ_WORKDIR/obj/$b.o" ;;
	esac
done
for tg in $FUZZ_TARGETS; do
	o=$objs
	[ "$tg" = fuzz_extract ] && o=$extract_objs
	# shellcheck disable=SC2086
	$FUZZ_CC $CFLAGS -fsanitize=fuzzer "$F/$tg.c" $o $FUZZ_LIBS -o "$FUZZ_WORKDIR/$tg" ||
		{ echo "fuzz: cannot build $tg (is libfuzzer-14-dev installed?)" >&2; exit 1; }
done
echo "fuzz: built $FUZZ_TARGETS in $FUZZ_WORKDIR"
[ "$FUZZ_SECONDS" -gt 0 ] || exit 0

FAST="detect_leaks=0:fast_unwind_on_malloc=1"
# Leaks in raptor's own parsers are not ours (see the file).
SLOW="detect_leaks=1:fast_unwind_on_malloc=0:malloc_context_size=6"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$F/lsan.supp:print_suppressions=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
# Prints the value of libFuzzer's final statistic $1 in log $2.
stat() { sed -n "s/^stat::$1: *//p" "$2" | tail -1; }
# Runs target $1 in $FUZZ_WORKDIR with ASAN_OPTIONS $2, the log in $3.
run() {
	r_tg=$1 r_asan=$2 r_log=$3
	shift 3
	(cd "$FUZZ_WORKDIR" && ASAN_OPTIONS="$r_asan" "./$r_tg" -timeout=20 -rss_limit_mb=2560 \
		-print_final_stats=1 -artifact_prefix="$FUZZ_WORKDIR/" "$@") \
		> "$r_log" 2>&1
}
# The longest input of target $1: extract analyses sentences, and 4 KB
# holds dozens of them; the RDF of the others needs room for documents.
max_len() { case $1 in fuzz_extract) echo 4096 ;; *) echo 16384 ;; esac; }
failed() { # TARGET LOG WHAT
	tail -60 "$2" >&2
	echo "fuzz: $1 FAILED ($3); the input is in $FUZZ_WORKDIR/ (crash-*, leak-*, timeout-*)" >&2
	status=1
}
status=0
for tg in $FUZZ_TARGETS; do
	corpus=${tg#fuzz_}
	log="$FUZZ_WORKDIR/$tg.log"
	mkdir -p "$FUZZ_WORKDIR/corpus-$corpus"
	echo "fuzz: $tg for $FUZZ_SECONDS s"
	# New inputs go to the working corpus; the seed corpus is only read.
	# -detect_leaks=0: libFuzzer would otherwise run each new input twice
	# to look for leaks that the leak pass finds anyway.
	if ! run "$tg" "$FAST" "$log" -max_total_time="$FUZZ_SECONDS" -detect_leaks=0 \
		-max_len="$(max_len "$tg")" "corpus-$corpus" "$F/corpus-$corpus"; then
		failed "$tg" "$log" "fuzzing"
		continue
	fi
	n=$(stat number_of_executed_units "$log")
	echo "fuzz: $tg: $n inputs, $(stat average_exec_per_sec "$log")/s," \
		"$(sed -n 's/^Done .* in \([0-9]*\) second.*/\1/p' "$log") s;" \
		"corpus $(ls "$FUZZ_WORKDIR/corpus-$corpus" | wc -l) + $(ls "$F/corpus-$corpus" | wc -l) seeds"
	# The leak pass: each input of the corpus once (-runs=0).
	if ! run "$tg" "$SLOW" "$log.leaks" -runs=0 "corpus-$corpus" "$F/corpus-$corpus"; then
		failed "$tg" "$log.leaks" "leak pass"
	elif grep -q 'disabled leak detection' "$log.leaks"; then
		failed "$tg" "$log.leaks" "libFuzzer gave up on leak detection"
	else
		echo "fuzz: $tg: no leak in the corpus"
	fi
	for f in "$F"/open/"$corpus"-*; do
		[ -f "$f" ] || continue
		if run "$tg" "$FAST" "$log.open" -runs=1 "$f"; then
			echo "fuzz: $tg: $(basename "$f") passes now: move it to tests/fuzz/corpus-$corpus/"
		else
			echo "fuzz: $tg: $(basename "$f") still fails (an open finding, see the README)"
		fi
	done
done
exit $status
