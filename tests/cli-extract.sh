#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# CLI tests for newsgraph extract: formats, determinism, errors, the gold
# score on samples/ and validation of the output.
set -eu
: "${NG_BIN:?}" "${NG_SRCDIR:?}"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
S="$NG_SRCDIR/samples"

"$NG_BIN" extract "$S"/*.txt > "$t/a.ttl" || fail "extract samples"
"$NG_BIN" extract "$S"/*.txt > "$t/b.ttl"
cmp -s "$t/a.ttl" "$t/b.ttl" || fail "two runs differ"
for f in turtle ntriples nquads; do
	case $f in turtle) in=turtle ;; ntriples) in=ntriples ;; nquads) in=nquads ;; esac
	"$NG_BIN" extract --format $f "$S"/*.txt > "$t/out.$f" || fail "extract --format $f"
	rapper -i $in -c "$t/out.$f" > "$t/rapper.$f" 2>&1 || fail "rapper rejects $f"
	! grep -qi "warning" "$t/rapper.$f" || fail "rapper warns on $f"
done

# -o writes atomically; a failed article leaves the others and exit 1.
printf 'Chile joined the OECD.\n' > "$t/ok.txt"
printf 'bad \377 byte\n' > "$t/bad.txt"
: > "$t/empty.txt"
printf 'a\0b' > "$t/nul.txt"
set +e
"$NG_BIN" extract -o "$t/o.ttl" "$t/bad.txt" "$t/ok.txt" "$t/empty.txt" "$t/nul.txt" "$t/missing.txt" "$t" 2> "$t/err"
rc=$?
set -e
[ $rc -eq 1 ] || fail "exit status $rc, expected 1"
grep -q "bad.txt: byte 4: invalid UTF-8" "$t/err" || fail "no byte offset for invalid UTF-8: $(cat "$t/err")"
grep -q "empty.txt: byte 0: empty file" "$t/err" || fail "empty file message"
grep -q "nul.txt: byte 1: NUL byte" "$t/err" || fail "NUL byte message"
grep -q "missing.txt: byte 0: no such file" "$t/err" || fail "missing file message"
grep -q "is a directory" "$t/err" || fail "directory message"
grep -q "organization:oecd" "$t/o.ttl" || fail "good article lost"

# -o to something that is not a regular file (here a FIFO, as /dev/null
# would be) writes into it instead of renaming over it; -o through a
# symbolic link replaces the file it names and keeps the link; a replaced
# file keeps its mode, a new one gets the umask's.
mkfifo "$t/fifo"
cat "$t/fifo" > "$t/from-fifo" &
reader=$!
"$NG_BIN" extract -f ntriples -o "$t/fifo" "$t/ok.txt" || fail "-o FIFO"
if [ ! -p "$t/fifo" ]; then
	kill $reader
	fail "-o replaced the FIFO"
fi
wait $reader
grep -q "organization/oecd" "$t/from-fifo" || fail "nothing came through the FIFO"
printf 'old\n' > "$t/real.ttl"
chmod 640 "$t/real.ttl"
ln -s real.ttl "$t/link.ttl"
"$NG_BIN" extract -o "$t/link.ttl" "$t/ok.txt" || fail "-o through a link"
[ -L "$t/link.ttl" ] || fail "-o replaced the symbolic link"
grep -q "organization:oecd" "$t/real.ttl" || fail "-o did not write the linked file"
[ "$(stat -c %a "$t/real.ttl")" = 640 ] || fail "mode of the replaced file: $(stat -c %a "$t/real.ttl")"
(umask 022 && "$NG_BIN" extract -o "$t/new.ttl" "$t/ok.txt") || fail "-o new file"
[ "$(stat -c %a "$t/new.ttl")" = 644 ] || fail "mode of a new file: $(stat -c %a "$t/new.ttl")"

# BOM and CRLF are accepted; standard input works.
printf '\357\273\277Chile joined the OECD.\r\n' | "$NG_BIN" extract --format ntriples - > "$t/bom.nt" || fail "BOM stdin"
grep -q "organization/oecd" "$t/bom.nt" || fail "BOM article facts"

# --report-unknown lists names no entry or rule covered, with counts.
printf 'Officials met Zentrix Labor in Oslo. Then Zentrix Labor left.\n' > "$t/unk.txt"
"$NG_BIN" extract --report-unknown="$t/unknown.tsv" "$t/unk.txt" > /dev/null || fail "report-unknown"
grep -q "^2	Zentrix Labor$" "$t/unknown.tsv" || fail "unknown names: $(cat "$t/unknown.tsv")"

# Interrupted, extract leaves neither a partial output nor its temporary file.
python3 -c "print('Chile joined the OECD. ' * 400000)" > "$t/long.txt"
"$NG_BIN" extract "$t/long.txt" -o "$t/int.ttl" &
pid=$!
sleep 0.3
kill -TERM $pid 2> /dev/null || true
wait $pid 2> /dev/null || true
! ls "$t"/int.ttl* > /dev/null 2>&1 || fail "interrupted extract left $(ls "$t"/int.ttl*)"

# A one-line article keeps at most 300 bytes of its line as title.
python3 -c "print('Chile joined the OECD ' * 100)" > "$t/longtitle.txt"
"$NG_BIN" extract -f ntriples "$t/longtitle.txt" > "$t/lt.nt"
python3 - "$t/lt.nt" << 'PY' || fail "long title not cut"
import re, sys
m = re.search(r'<http://purl.org/dc/terms/title> "([^"]*)"', open(sys.argv[1]).read())
sys.exit(0 if m and 0 < len(m.group(1).encode()) <= 300 else 1)
PY

# Usage errors exit 2.
set +e
"$NG_BIN" extract --format xml "$t/ok.txt" 2>/dev/null; rc=$?
set -e
[ $rc -eq 2 ] || fail "bad format exit $rc"
"$NG_BIN" extract --help | grep -q "Usage: newsgraph extract" || fail "help"
"$NG_BIN" --version | grep -q "^newsgraph " || fail "version"

# The samples against the gold: core recall and precision thresholds, no
# forbidden fact or entity.
python3 "$NG_SRCDIR/tests/ng-score" "$NG_SRCDIR/tests/gold/seeds.tsv" "$t/a.ttl" --level core \
	--min-recall 0.9 --min-precision 0.85 > "$t/score" || { cat "$t/score"; fail "gold score"; }
tail -1 "$t/score"

# Invented articles about other people, countries and years, with a gold
# file of their own: the rules must carry over beyond the samples.
"$NG_BIN" extract "$NG_SRCDIR"/tests/articles/*.txt > "$t/articles.ttl" || fail "extract articles"
python3 "$NG_SRCDIR/tests/ng-score" "$NG_SRCDIR/tests/gold/articles.tsv" "$t/articles.ttl" --level core \
	--min-recall 0.9 --min-precision 0.85 > "$t/score2" || { cat "$t/score2"; fail "articles gold score"; }
tail -1 "$t/score2"

# Real articles newsgraph was not tuned on (tests/articles/real, public
# domain, gold written from the text): floors that keep what the rules
# reach there from going back, and no forbidden fact. The goals (entity
# recall 0.95, main-fact recall 0.85, precision 0.95) are not reached yet:
# README, Measuring, gives the figures.
"$NG_BIN" extract "$NG_SRCDIR"/tests/articles/real/*.txt > "$t/real.ttl" 2> "$t/real.err" || fail "extract real articles"
# Entity precision on the hand-checked part (tests/gold/real-judged.tsv).
python3 "$NG_SRCDIR/tests/ng-score" "$NG_SRCDIR/tests/gold/real.tsv" "$t/real.ttl" \
	--min-entity-recall 0.95 --min-fact-recall 0.325 --min-precision 0.92 \
	--judged "$NG_SRCDIR/tests/gold/real-judged.tsv" --min-entity-precision 0.95 > "$t/score3" ||
	{ cat "$t/score3"; fail "real articles gold score"; }
tail -2 "$t/score3"

# A base that is no absolute IRI is a usage error; a source URL with
# spaces or quotes is percent-encoded, one without a scheme is left out, and
# every line still parses.
for b in 'http://example.org/a b/' 'no-scheme/' 'http://example.org/"q"/' 'http://example.org/%zz/'; do
	set +e
	"$NG_BIN" extract -b "$b" "$S"/000_*.txt > /dev/null 2> "$t/berr"; rc=$?
	set -e
	[ $rc -eq 2 ] || fail "--base '$b': exit $rc"
	grep -q "not an absolute IRI" "$t/berr" || fail "--base '$b': $(cat "$t/berr")"
done
"$NG_BIN" extract -b 'urn:x-news:' "$S"/000_*.txt > "$t/urn.ttl" || fail "--base urn:"
printf '%s\n' '{"id": "u1", "url": " https://example.org/a b?q=\"x\" ", "text": "Chile joined the OECD."}' \
	'{"id": "u2", "url": "not a url", "text": "Peru joined the OECD."}' \
	'{"id": "u3", "url": "https://example.org/caf%C3%A9/100%", "text": "Chad joined the OECD."}' > "$t/u.jsonl"
"$NG_BIN" extract --jsonl "$t/u.jsonl" > "$t/u.nq" || fail "extract odd urls"
grep -q '<http://purl.org/dc/terms/source> <https://example.org/a%20b?q=%22x%22>' "$t/u.nq" || fail "url with spaces and quotes"
grep -q '<https://example.org/caf%C3%A9/100%25>' "$t/u.nq" || fail "url with a bare %"
[ "$(grep -c 'dc/terms/source' "$t/u.nq")" -eq 2 ] || fail "a url without a scheme became a source"
if [ -n "${RAPPER:-}" ]; then
	"$RAPPER" -q -i nquads -c "$t/u.nq" || fail "rapper rejects the odd urls"
	"$RAPPER" -q -i turtle -c "$t/urn.ttl" || fail "rapper rejects a urn: base"
fi

# Lean by default: no NIF mentions, no article text, one schema:mentions
# per article and entity. --mentions adds the NIF layer, and every
# sentence's and mention's text holds at its offsets in the article's text.
"$NG_BIN" extract -f ntriples "$S"/*.txt > "$t/lean.nt" || fail "extract -f ntriples"
grep -q 'nif-core#Phrase' "$t/lean.nt" && fail "mentions written by default"
grep -q 'nif-core#isString' "$t/lean.nt" && fail "article text written by default"
grep -q 'nif-core#Sentence' "$t/lean.nt" || fail "no sentence nodes"
[ "$(grep -c 'schema.org/mentions' "$t/lean.nt")" -eq "$(grep 'schema.org/mentions' "$t/lean.nt" | sort -u | wc -l)" ] ||
	fail "an article mentions an entity twice"
"$NG_BIN" extract --mentions -f ntriples "$S"/*.txt "$NG_SRCDIR"/tests/articles/real/*.txt > "$t/nif.nt" ||
	fail "extract --mentions"
grep -q 'nif-core#Phrase' "$t/nif.nt" || fail "--mentions wrote no mentions"
python3 "$NG_SRCDIR/tests/nif-check" "$t/nif.nt" || fail "a NIF string is not at its offsets"
"$NG_BIN" validate "$t/nif.nt" > "$t/val" || { cat "$t/val"; fail "--mentions output does not validate"; }

# --explain: each fact with its sentence, rule and modality, and for a
# relation pattern the normalized text it matched (time words and skipped
# adverbs left out, mentions as placeholders).
printf 'Japan invited Foreign Minister Ana Lund to visit Tokyo.\nPresident Boric met separately on Friday with President Lula.\n' > "$t/explain.txt"
"$NG_BIN" extract --explain "$t/explain.txt" > "$t/explain.out" || fail "--explain"
grep -q '^explain.txt: Ana Lund visited Tokyo \[intended, rule visit-verb, confidence 0.90\]$' "$t/explain.out" ||
	{ cat "$t/explain.out"; fail "--explain: the invited visit"; }
grep -q '^    chars 0-55: Japan invited Foreign Minister Ana Lund to visit Tokyo\.$' "$t/explain.out" ||
	fail "--explain: the sentence and its offsets"
grep -q '^    matched: PER_[0-9]* met with TTL PER_[0-9]*$' "$t/explain.out" ||
	{ cat "$t/explain.out"; fail "--explain: the normalized text"; }
[ "$(grep -c '^    matched: ' "$t/explain.out")" -eq 2 ] || fail "--explain: a title rule shows a match"

# -f dot: the asserted facts as a Graphviz graph that dot draws.
"$NG_BIN" extract -f dot "$S"/*.txt > "$t/g.dot" || fail "extract -f dot"
head -1 "$t/g.dot" | grep -q '^digraph newsgraph {$' || fail "-f dot: not a digraph"
# One edge per distinct asserted fact of the same articles.
facts=$(awk '$2 ~ /newsgraph\/ns#/ && $2 !~ /ns#(isoCode|article|sentence|rule|modality|confidence|date|dateText)>/' \
	"$t/lean.nt" | sort -u | wc -l)
[ "$facts" -gt 20 ] || fail "only $facts facts in samples"
[ "$(grep -c ' -> ' "$t/g.dot")" -eq "$facts" ] || fail "-f dot: $(grep -c ' -> ' "$t/g.dot") edges for $facts facts"
if command -v dot > /dev/null 2>&1; then
	dot -Tsvg "$t/g.dot" > "$t/g.svg" 2> "$t/dot.err" || { cat "$t/dot.err"; fail "dot rejects -f dot"; }
	grep -q '<svg' "$t/g.svg" || fail "dot drew no SVG"
fi
set +e
"$NG_BIN" extract --jsonl -f dot "$t/ok.txt" > /dev/null 2>&1; rc=$?
set -e
[ $rc -eq 2 ] || fail "--jsonl -f dot exit $rc"

# The output validates against the shipped ontology and shapes.
"$NG_BIN" validate "$t/a.ttl" > "$t/val" || { cat "$t/val"; fail "output does not validate"; }
"$NG_BIN" extract "$S"/*.txt | "$NG_BIN" validate - > /dev/null || fail "extract | validate -"
echo "cli-extract: all passed"
