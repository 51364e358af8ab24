#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPARQL round trip through rasqal's roqet: extract samples/*.txt to Turtle,
# run each samples/queries/NAME.rq over it and compare the canonical, sorted
# results (tests/sparql-canon) with samples/queries/NAME.tsv, but for the
# queries marked "# roqet: wrong", which rasqal 0.9.33 answers wrongly and
# tests/jena.sh checks.
#
# When extraction changes on purpose, regenerate the expected files from a
# build tree and review the diff:
#   NG_BIN=./src/newsgraph /path/to/src/tests/sparql.sh --update
set -eu
here=$(cd "$(dirname "$0")" && pwd)
: "${NG_SRCDIR:=$(dirname "$here")}"
: "${NG_BIN:=./src/newsgraph}"
update=no
[ "${1:-}" = --update ] && update=yes
if ! command -v roqet > /dev/null 2>&1; then
	echo "sparql: SKIP: roqet not found (apt-get install rasqal-utils)"
	exit 77
fi
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
Q="$NG_SRCDIR/samples/queries"

"$NG_BIN" extract "$NG_SRCDIR"/samples/*.txt -o "$t/samples.ttl" || fail "extract samples"
n=0
for q in "$Q"/*.rq; do
	name=$(basename "$q" .rq)
	roqet -q -i sparql -D "$t/samples.ttl" -F turtle -r xml "$q" > "$t/$name.xml" 2> "$t/$name.err" ||
		{ cat "$t/$name.err" >&2; fail "roqet $name.rq"; }
	[ ! -s "$t/$name.err" ] || { cat "$t/$name.err" >&2; fail "roqet complains on $name.rq"; }
	python3 "$NG_SRCDIR/tests/sparql-canon" "$t/$name.xml" > "$t/$name.tsv" || fail "canon $name"
	[ "$(wc -l < "$t/$name.tsv")" -gt 1 ] || fail "$name.rq has no results"
	if grep -q '^# roqet: wrong' "$q"; then
		# rasqal answers it wrongly; Jena is its oracle (tests/jena.sh).
		if cmp -s "$Q/$name.tsv" "$t/$name.tsv"; then
			echo "sparql: roqet now answers $name.rq right: drop its '# roqet: wrong'"
		else
			echo "sparql: $name.rq: roqet's known wrong answer not compared"
		fi
	elif [ $update = yes ]; then
		cp "$t/$name.tsv" "$Q/$name.tsv"
		echo "sparql: wrote $Q/$name.tsv"
	elif ! diff -u "$Q/$name.tsv" "$t/$name.tsv" >&2; then
		fail "$name.rq: results differ from $name.tsv (if extraction changed on purpose, run tests/sparql.sh --update)"
	fi
	n=$((n + 1))
done
[ $n -ge 5 ] || fail "only $n queries"

# Facts that must hold whatever the expected files say, so that an
# --update cannot quietly bless a regression.
has() { grep -q -F "$2" "$t/$1.tsv" || fail "$1.rq lacks: $2"; }
tab=$(printf '\t')
has visited-countries "Mark Rutte${tab}Japan${tab}JPN"
has want-to-join "Japan${tab}NATO Security Assistance and Training for Ukraine${tab}interestedIn"
has met-with "Gen Nakatani${tab}Mark Rutte${tab}2025-04-08${tab}001_ecd63f8d682de304.txt"
has facts-by-sentence "Japan now wants to join NATO Security Assistance and Training for Ukraine"
has entity "<https://w3id.org/newsgraph/ns#visited>${tab}<https://w3id.org/newsgraph/id/country/JPN>"
echo "sparql: $n queries passed through roqet"
