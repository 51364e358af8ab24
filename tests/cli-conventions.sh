#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The conventions every subcommand shares: -o is the output, -h, -V and -q
# everywhere, one line and a hint for a bad option (exit 2), a data file
# that cannot be read is a usage error (exit 2), sizes with k, M and G.
set -eu
: "${NG_BIN:?}" "${NG_SRCDIR:?}"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
S="$NG_SRCDIR/samples"
# run WANT ARGS...: runs newsgraph, output in $t/out and $t/err; exit WANT.
run() {
	want=$1
	shift
	set +e
	"$NG_BIN" "$@" > "$t/out" 2> "$t/err"
	rc=$?
	set -e
	[ "$rc" -eq "$want" ] || fail "newsgraph $*: exit $rc, expected $want: $(cat "$t/err")"
}

for cmd in extract batch validate; do
	run 2 $cmd --frob x
	[ "$(cat "$t/err")" = "newsgraph $cmd: unrecognized option '--frob'
Try 'newsgraph $cmd --help'." ] || fail "$cmd --frob: $(cat "$t/err")"
	[ ! -s "$t/out" ] || fail "$cmd --frob wrote to standard output"
	run 2 $cmd -Z
	grep -q "^newsgraph $cmd: unrecognized option '-Z'$" "$t/err" || fail "$cmd -Z: $(cat "$t/err")"
	run 0 $cmd -h
	grep -q "^Usage: newsgraph $cmd" "$t/out" || fail "$cmd -h"
	run 0 $cmd -V
	grep -q '^newsgraph [0-9]' "$t/out" || fail "$cmd -V: no version"
	grep -q '^data directory: ' "$t/out" || fail "$cmd -V: no data directory"
done
run 2 extract -f
grep -q "^newsgraph extract: option '-f' needs an argument$" "$t/err" || fail "-f: $(cat "$t/err")"
run 0 --version
grep -q '^data directory: ' "$t/out" || fail "--version: no data directory"

# A data file that cannot be read: a usage error, for every data option.
run 2 extract -g "$t/missing.tsv" "$S/000_5f5350e0ab9f7d37.txt"
grep -q 'missing.tsv' "$t/err" || fail "-g: the file is not named"
run 2 extract -p "$t/missing.tsv" "$S/000_5f5350e0ab9f7d37.txt"
run 2 extract -d "$t/no-such-dir" "$S/000_5f5350e0ab9f7d37.txt"
run 2 batch -q -g "$t/missing.tsv" -o "$t/b" "$S"

# Sizes take k, M and G (1024, 1024^2, 1024^3), B or iB after them.
head -c 5000 /dev/zero | tr '\0' 'a' > "$t/big.txt"
run 1 extract --max-size 4k -o "$t/a.ttl" "$t/big.txt"
grep -q 'byte 4096: larger than --max-size' "$t/err" || fail "--max-size 4k: $(cat "$t/err")"
run 0 extract --max-size 5KiB -o "$t/a.ttl" "$S/000_5f5350e0ab9f7d37.txt"
run 0 extract --max-size 1M -o "$t/a.ttl" "$S/000_5f5350e0ab9f7d37.txt"
run 0 extract --max-size 2G -o "$t/a.ttl" "$S/000_5f5350e0ab9f7d37.txt"
run 2 extract --max-size 10x "$S/000_5f5350e0ab9f7d37.txt"
grep -q "max-size '10x'" "$t/err" || fail "--max-size 10x: $(cat "$t/err")"
run 2 extract --max-size 99999999999999999G "$S/000_5f5350e0ab9f7d37.txt"

# -o is the output everywhere: validate's report; -O its ontology.
"$NG_BIN" extract "$S"/*.txt -o "$t/s.ttl" || fail "extract"
run 0 validate -O "$NG_SRCDIR/ontology/newsgraph.ttl" -o "$t/report.ttl" "$t/s.ttl"
grep -q 'sh:conforms true' "$t/report.ttl" || fail "validate -o wrote no report"
# -q: nothing printed, the exit status says it.
run 0 validate -q "$t/s.ttl"
[ ! -s "$t/out" ] && [ ! -s "$t/err" ] || fail "validate -q printed something"
run 1 validate -q "$NG_SRCDIR/tests/validate/invalid-shapes.ttl"
[ ! -s "$t/out" ] || fail "validate -q printed results"
# extract -q: no warnings; errors still.
printf '{"text": "Chile joined the OECD.", "date": "someday"}\n' > "$t/w.jsonl"
run 0 extract --jsonl "$t/w.jsonl"
grep -q 'warning' "$t/err" || fail "no warning for a bad date"
run 0 extract -q --jsonl "$t/w.jsonl"
[ ! -s "$t/err" ] || fail "extract -q printed a warning: $(cat "$t/err")"
run 1 extract -q "$t/missing.txt"
grep -q 'missing.txt' "$t/err" || fail "extract -q hid an error"
echo "cli-conventions: all passed"
