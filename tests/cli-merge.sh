#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Outputs of different runs merge: the union of N-Quads and Turtle from
# runs with other articles, other options and a changed gazetteer conforms
# to the shipped ontology and shapes. Among them: two copies of one wire
# story with their own URLs and dates, names that differ only in accents,
# and a gazetteer entry added between runs for a name minted before.
set -eu
: "${NG_BIN:?}" "${NG_SRCDIR:?}"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
count() { grep -c -F "$1" "$2" || true; }

# Run 1, JSON Lines: one story from two outlets (the same text), a third
# record with neither id nor url, and a date-time.
story='Foreign Minister Ana Lund visited Chile on Monday. Chile joined the OECD.'
python3 - "$story" > "$t/wire.jsonl" << 'PY'
import json, sys
text = sys.argv[1]
print(json.dumps({"id": "wire-1", "url": "https://one.example/a", "date": "2024-05-01", "text": text}))
print(json.dumps({"id": "wire-2", "url": "https://two.example/b", "date": "2024-05-02", "text": text}))
print(json.dumps({"url": "https://three.example/c", "date": "2024-05-03T10:00:00Z", "text": text}))
PY
"$NG_BIN" extract --jsonl -o "$t/run1.nq" "$t/wire.jsonl" || fail "run 1"
[ "$(grep 'dc/terms/date' "$t/run1.nq" | awk '{print $1}' | sort -u | wc -l)" -eq 3 ] ||
	fail "three copies of a story are not three articles"
[ "$(grep 'dc/terms/source' "$t/run1.nq" | awk '{print $1}' | sort -u | wc -l)" -eq 3 ] ||
	fail "an article has more than one source"

# Run 2, text files: the same story as a file (its text is its identity),
# and names that differ only in accents.
printf '%s\n' "$story" > "$t/story.txt"
printf 'Foreign Minister Jos\303\251 Ruiz visited Chile on Monday.\n' > "$t/accent.txt"
printf 'Foreign Minister Jose Ruiz visited Chile on Monday.\n' > "$t/plain.txt"
"$NG_BIN" extract -o "$t/run2.ttl" "$t/story.txt" "$t/accent.txt" "$t/plain.txt" || fail "run 2"
"$NG_BIN" extract -f nquads --mentions -o "$t/run2m.nq" "$t/accent.txt" "$t/plain.txt" ||
	fail "run 2 with mentions"
rapper -q -i turtle -o ntriples "$t/run2.ttl" > "$t/run2.nt" || fail "run 2 does not parse"
[ "$(grep 'rdf-schema#label> "Jos' "$t/run2.nt" | awk '{print $1}' | sort -u | wc -l)" -eq 2 ] ||
	fail "names that differ in accents share an IRI"

# Run 3, a gazetteer that now holds the name minted in run 2, under
# another label.
printf 'jose-ruiz\tPerson\tJos\303\251 Ruiz D\303\255az\tJose Ruiz\n' > "$t/extra.tsv"
"$NG_BIN" extract -g "$t/extra.tsv" -f nquads -o "$t/run3.nq" "$t/plain.txt" "$t/accent.txt" ||
	fail "run 3"
grep -q '<https://w3id.org/newsgraph/id/person/jose-ruiz> <http://www.w3.org/2000/01/rdf-schema#label>' \
	"$t/run3.nq" || fail "run 3 does not use the new gazetteer entry"

# The union of every output, read as one graph, conforms.
"$NG_BIN" validate "$t/run1.nq" "$t/run2.ttl" "$t/run2m.nq" "$t/run3.nq" > "$t/val" 2>&1 ||
	{ cat "$t/val"; fail "the union of the runs does not conform"; }
# So does the union of every article's graph and the entities graph, as a
# store holds them, loaded twice over.
cat "$t/run1.nq" "$t/run2m.nq" "$t/run3.nq" "$t/run1.nq" > "$t/all.nq"
"$NG_BIN" validate "$t/all.nq" > "$t/val" 2>&1 || { cat "$t/val"; fail "the N-Quads union"; }
[ "$(count '<https://w3id.org/newsgraph/id/entities> .' "$t/run1.nq")" -gt 0 ] ||
	fail "no entity descriptions in the entities graph"
echo "cli-merge: the union of four runs conforms"
