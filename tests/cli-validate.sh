#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# CLI tests of `newsgraph validate`: exit codes, human output, the SHACL
# report and syntax error messages.
set -eu

: "${NG_BIN:?}" "${NG_SRCDIR:?}"
RAPPER=${RAPPER:-}
V="$NG_SRCDIR/tests/validate"
ONTO="$NG_SRCDIR/ontology/newsgraph.ttl"
SHAPES="$NG_SRCDIR/ontology/shapes.ttl"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fails=0

fail() {
	echo "FAIL: $*" >&2
	fails=$((fails + 1))
}

# run EXPECTED_STATUS ARGS...: runs validate, output in $tmp/out and $tmp/err
run() {
	want=$1
	shift
	set +e
	"$NG_BIN" validate "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	set -e
	if [ "$got" -ne "$want" ]; then
		fail "validate $*: exit $got, expected $want"
		sed 's/^/  | /' "$tmp/out" "$tmp/err" >&2
	fi
}

expect_line() {
	if ! grep -qxF -- "$2" "$tmp/$1"; then
		fail "no line in $1: $2"
		sed 's/^/  | /' "$tmp/$1" >&2
	fi
}

# parsed NAME: with rapper, reads $tmp/NAME.ttl into $tmp/NAME.nt; fails
# and shows the report when it does not parse. False without rapper.
parsed() {
	[ -n "$RAPPER" ] || return 1
	"$RAPPER" -q -i turtle -o ntriples "$tmp/$1.ttl" >"$tmp/$1.nt" && return 0
	fail "report $1.ttl does not parse"
	sed 's/^/  | /' "$tmp/$1.ttl" >&2
	return 1
}

# --help
run 0 --help
grep -q '^Usage: newsgraph validate' "$tmp/out" || fail "--help does not print usage"

# Usage errors
run 2
run 2 --no-such-option "$V/valid.ttl"

# Conforming data, with explicit and default (data directory) files.
run 0 --ontology "$ONTO" --shapes "$SHAPES" "$V/valid.ttl"
expect_line out "newsgraph: conforms, 75 triples"
NEWSGRAPH_DATADIR="$NG_SRCDIR/ontology" run 0 "$V/valid.ttl"
expect_line out "newsgraph: conforms, 75 triples"

# Standard input, as Turtle and as N-Triples.
NEWSGRAPH_DATADIR="$NG_SRCDIR/ontology" run 0 - <"$V/valid.ttl"
if [ -n "$RAPPER" ]; then
	"$RAPPER" -q -i turtle -o ntriples "$V/valid.ttl" >"$tmp/valid.nt"
	NEWSGRAPH_DATADIR="$NG_SRCDIR/ontology" run 0 - <"$tmp/valid.nt"
	NEWSGRAPH_DATADIR="$NG_SRCDIR/ontology" run 0 "$tmp/valid.nt"
	NEWSGRAPH_DATADIR="$NG_SRCDIR/ontology" run 0 --input-format ntriples - <"$tmp/valid.nt"
	"$RAPPER" -q -i turtle -o rdfxml "$V/valid.ttl" >"$tmp/valid.rdf"
	NEWSGRAPH_DATADIR="$NG_SRCDIR/ontology" run 0 "$tmp/valid.rdf"
fi

# Data that does not conform: one line per result, sorted, and a summary.
ID=https://w3id.org/newsgraph/id
run 1 -O "$ONTO" -s "$SHAPES" "$V/invalid-ontology.ttl"
expect_line out "violation: <$ID/ukr> ng:isoCode \"UA\": functional property ng:isoCode has more than one value (ng:FunctionalPropertyComponent)"
expect_line out "violation: <$ID/undeclared> ng:bornIn <$ID/kyiv>: property ng:bornIn is not declared in the ontology (ng:UndeclaredTermComponent)"
expect_line out "violation: <$ID/both> rdf:type ng:Place: node is both a ng:Person and a ng:Place, which are disjoint (ng:DisjointClassesComponent)"
expect_line out "newsgraph: 14 violations in 22 triples"
grep -v '^newsgraph: ' "$tmp/out" >"$tmp/lines"
# sorted by focus node: <.../article> first, <.../undeclared> last
head -n 1 "$tmp/lines" | grep -q "^violation: <$ID/article> " || fail "results are not sorted"
tail -n 1 "$tmp/lines" | grep -q "^violation: <$ID/undeclared> " || fail "results are not sorted"
[ "$(wc -l <"$tmp/lines")" -eq 14 ] || fail "expected 14 result lines"

run 1 -O "$ONTO" -s "$SHAPES" --report "$tmp/report.ttl" "$V/invalid-shapes.ttl"
expect_line out "violation: <$ID/p1> ng:confidence \"1.5\"^^xsd:decimal: value is greater than \"1\"^^xsd:integer (sh:MaxInclusiveConstraintComponent)"
expect_line out "newsgraph: 14 violations in 40 triples"
[ -s "$tmp/report.ttl" ] || fail "no report written"
grep -q 'sh:conforms' "$tmp/report.ttl" || fail "report has no sh:conforms"
if parsed report; then
	grep -q '<http://www.w3.org/ns/shacl#conforms> "false"^^<http://www.w3.org/2001/XMLSchema#boolean>' \
		"$tmp/report.nt" || fail "report does not say sh:conforms false"
	# 11 results less the ontology checks' one (ng:FunctionalPropertyComponent)
	[ "$(grep -c '<http://www.w3.org/ns/shacl#sourceConstraintComponent>' "$tmp/report.nt")" -eq 12 ] ||
		fail "report does not have the 12 SHACL results"
	grep -q 'FunctionalProperty' "$tmp/report.nt" && fail "report holds an ontology result"
fi

# Results that share blank node paths: the report is Turtle that rapper
# reads back, and every result carries its own full copy of its path.
run 1 -O "$ONTO" -s "$V/shapes-paths.ttl" -r "$tmp/paths.ttl" "$V/paths.ttl"
expect_line out "newsgraph: 11 violations in 6 triples"
if parsed paths; then
	# count PREDICATE N: N triples with sh:PREDICATE or rdf:PREDICATE
	count() {
		got=$(grep -c "<http://www.w3.org/[^>]*[#/]$1> " "$tmp/paths.nt" || true)
		[ "$got" -eq "$2" ] || fail "report has $got $1 triples, expected $2"
	}
	count resultPath 11
	count inversePath 5
	count alternativePath 3
	count zeroOrMorePath 3
	count oneOrMorePath 3
	count zeroOrOnePath 3
	count first 18
	count rest 18
	grep -qF '"no \"a/b\" \\ value\ttab\nline two"@en' "$tmp/paths.nt" ||
		fail "report message is not the shape's sh:message"
fi

# Terms Turtle cannot write as they are (from RDF/XML): the IRI is written
# percent-encoded and the language tag made well-formed, so the report
# still parses.
run 1 -O "$ONTO" -s "$V/shapes-simple.ttl" -r "$tmp/odd.ttl" "$V/odd-terms.rdf"
expect_line out "newsgraph: 1 violation, 1 warning in 2 triples"
if parsed odd; then
	[ "$(grep -c 'focusNode> <http://example.org/a%20b%7Bc%7D%7C%5E%60%22%5Cd>' "$tmp/odd.nt")" -eq 2 ] ||
		fail "odd IRI not percent-encoded in the report"
	grep -qF 'value> "tab\t\"q\" \\ end"@en-gb-x .' "$tmp/odd.nt" ||
		fail "odd language tag not made well-formed in the report"
fi

# The report holds SHACL results only: an ill-formed literal found by the
# ontology checks is printed and makes the exit status 1, but the report says
# sh:conforms true, and stderr says why.
run 1 -O "$ONTO" -s "$V/shapes-simple.ttl" -r "$tmp/owl.ttl" "$V/ill-formed.ttl"
expect_line out 'violation: <http://example.org/a> <http://example.org/size> "12x"^^xsd:integer: literal is not a valid xsd:integer (ng:IllFormedLiteralComponent)'
expect_line out "newsgraph: 1 violation in 10 triples"
grep -q 'sh:conforms true' "$tmp/owl.ttl" || fail "report with only ontology results does not conform"
grep -q 'sh:result\|ValidationResult\|IllFormed' "$tmp/owl.ttl" && fail "report holds an ontology result"
grep -q "^newsgraph: $tmp/owl.ttl: sh:conforms true, as the ontology checks' results are not SHACL results" "$tmp/err" ||
	fail "no note that the ontology results are not in the report"
# Both kinds: the report holds the SHACL results and says sh:conforms false.
cat "$V/ill-formed.ttl" "$V/simple.ttl" >"$tmp/both.ttl"
run 1 -O "$ONTO" -s "$V/shapes-simple.ttl" -r "$tmp/both-report.ttl" "$tmp/both.ttl"
expect_line out "newsgraph: 2 violations in 12 triples"
grep -q 'sh:conforms false' "$tmp/both-report.ttl" || fail "report does not say sh:conforms false"
[ "$(grep -c 'a sh:ValidationResult' "$tmp/both-report.ttl")" -eq 1 ] || fail "report does not hold the SHACL result alone"
grep -q 'IllFormed' "$tmp/both-report.ttl" && fail "report holds an ontology result"
[ -s "$tmp/err" ] && fail "a note on stderr although the report does not conform"

# A conforming report.
run 0 -O "$ONTO" -s "$SHAPES" -r "$tmp/ok.ttl" "$V/valid.ttl"
grep -q 'sh:conforms true' "$tmp/ok.ttl" || grep -q 'sh:conforms "true"' "$tmp/ok.ttl" ||
	fail "conforming report does not say sh:conforms true"

# Warnings are counted apart.
run 1 -s "$V/shapes-simple.ttl" -O "$ONTO" "$V/simple.ttl"
expect_line out "newsgraph: 1 violation, 2 warnings in 6 triples"

# Unreadable input: syntax errors with file, line and column; exit 2.
run 2 -O "$ONTO" -s "$SHAPES" "$V/bad-syntax.ttl"
expect_line err "newsgraph: $V/bad-syntax.ttl: line 5: column 12: syntax error at '@'"
run 2 -O "$ONTO" -s "$SHAPES" - <"$V/bad-syntax.ttl"
grep -q '^newsgraph: <stdin>: line 5: column [0-9]*: ' "$tmp/err" || fail "stdin syntax error lacks line and column"
run 2 -O "$ONTO" -s "$SHAPES" "$tmp/does-not-exist.ttl"
grep -q '^newsgraph: .*does-not-exist.ttl: cannot open' "$tmp/err" || fail "missing file message"
run 2 -O "$ONTO" -s "$V/bad-syntax.ttl" "$V/valid.ttl"
run 2 -O "$ONTO" -s "$SHAPES" --input-format klingon "$V/valid.ttl"

# Broken shapes: exit 2 with a message, never a crash.
run 2 -O "$ONTO" -s "$V/shapes-missing.ttl" "$V/simple.ttl"
grep -q 'NoSuchShape.*is not defined' "$tmp/err" || fail "missing shape message"
run 2 -O "$ONTO" -s "$V/shapes-recursive.ttl" "$V/simple.ttl"
grep -q 'recursive' "$tmp/err" || fail "recursive shape message"
run 2 -O "$ONTO" -s "$V/shapes-bad-pattern.ttl" "$V/simple.ttl"
grep -q 'sh:pattern .* does not compile' "$tmp/err" || fail "bad pattern message"

# Invalid UTF-8 in a term: the data does not parse (exit 2), no report.
printf '<http://a/\377> <https://w3id.org/newsgraph/ns#foo> "x\377" .\n' > "$tmp/bad-utf8.ttl"
run 2 -O "$ONTO" -s "$SHAPES" --report "$tmp/bad-utf8-report.ttl" "$tmp/bad-utf8.ttl"
grep -q 'line 1: invalid UTF-8' "$tmp/err" || fail "invalid UTF-8 message"

if [ "$fails" -ne 0 ]; then
	echo "$fails validate CLI checks failed" >&2
	exit 1
fi
echo "validate CLI tests passed"
