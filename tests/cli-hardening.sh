#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The defects found by hostile input and faults, one section each: dates
# with times, bases that are no IRIs, special files and links in batch
# directories, files rewritten while read, a full output, values that were
# cut, names that reached the terminal raw, URLs that gave invalid IRIs,
# and loaders that took a NaN or a repeated id.
set -eu
: "${NG_BIN:?}" "${NG_SRCDIR:?}"
t=$(mktemp -d)
bg=
trap '[ -n "$bg" ] && kill $bg 2> /dev/null; rm -rf "$t"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }
run() {
	set +e
	"$NG_BIN" "$@" 2> "$t/err"
	rc=$?
	set -e
}

# 1. JSON Lines dates: a date-time keeps its date, as a valid xsd:date; a
# value that is no ISO 8601 date is left out and said with file and line.
printf '%s\n' \
	'{"id":"d1","date":"2024-01-01T10:00:00Z","text":"Chile joined the OECD."}' \
	'{"id":"d2","date":"2024-01-02 10:00","text":"Peru joined the OECD."}' \
	'{"id":"d3","date":"2024-03-04T05:06:07.89+01:00","text":"Kenya joined the OECD."}' \
	'{"id":"d4","date":"yesterday","text":"Ghana joined the OECD."}' \
	'{"id":"d5","date":"2024-02-30","text":"Togo joined the OECD."}' > "$t/dates.jsonl"
run extract --jsonl "$t/dates.jsonl" > "$t/dates.nq"
[ $rc -eq 0 ] || fail "dates: exit $rc: $(cat "$t/err")"
for d in 2024-01-01 2024-01-02 2024-03-04; do
	grep -q "\"$d\"^^<http://www.w3.org/2001/XMLSchema#date>" "$t/dates.nq" || fail "dates: no $d"
done
! grep -q 'T10:00\|10:00"' "$t/dates.nq" || fail "dates: a time reached an xsd:date"
grep -q "dates.jsonl: line 4: warning: \"date\" 'yesterday' is not an ISO 8601" "$t/err" || fail "dates: $(cat "$t/err")"
grep -q "dates.jsonl: line 5: warning: \"date\" '2024-02-30'" "$t/err" || fail "dates: no report of a day that does not exist"
"$NG_BIN" validate "$t/dates.nq" > "$t/val" 2>&1 || fail "dates: newsgraph rejects its own output: $(cat "$t/val")"
ok "JSON Lines dates and date-times"

# 2. A base that is no absolute IRI (RFC 3987) is refused; one that is
# gives distinct, valid IRIs.
printf 'Chile joined the OECD. Kenya met Peru.\n' > "$t/good.txt"
for base in "$(printf 'http://example.org/\377/')" 'http://example.org/x#' \
	'http://example.org/a[b/' "$(printf 'http://example.org/\302\205/')" \
	"$(printf 'http://example.org/\357\277\276/')" 'example.org/' 'http://exa mple.org/'; do
	run extract -b "$base" "$t/good.txt"
	[ $rc -eq 2 ] || fail "--base '$base' accepted (exit $rc)"
	grep -q "is not an absolute IRI" "$t/err" || fail "--base message: $(cat "$t/err")"
done
run extract -b "$(printf 'http://example.org/caf\303\251/')" -f ntriples "$t/good.txt" > "$t/base.nt"
[ $rc -eq 0 ] || fail "a base with UTF-8 refused: $(cat "$t/err")"
rapper -q -i ntriples -c "$t/base.nt" 2> "$t/rapper" || fail "base: rapper: $(cat "$t/rapper")"
[ "$(cut -d' ' -f1 "$t/base.nt" | sort -u | wc -l)" -gt 3 ] || fail "base: subjects collapsed"
ok "--base must be an absolute IRI without a fragment"

# 3. Batch directories: a FIFO is skipped and named (it used to block the
# run for ever); a link out of the input tree is not followed unless
# --follow-links; a link inside it is.
mkdir -p "$t/in/sub" "$t/outside"
printf 'Chile joined the OECD.\n' > "$t/in/a.txt"
printf 'SECRET Zanzibar joined the OECD.\n' > "$t/outside/secret.txt"
mkfifo "$t/in/pipe.txt"
ln -s ../outside/secret.txt "$t/in/out-link.txt"
printf 'Kenya joined the OECD.\n' > "$t/in/sub/real.txt"
ln -s sub/real.txt "$t/in/in-link.txt"
set +e
timeout 60 "$NG_BIN" batch -q --no-sync -j 1 -f nquads -o "$t/b1" "$t/in" 2> "$t/err"
rc=$?
set -e
[ $rc -ne 124 ] || fail "batch blocked on a FIFO"
[ $rc -eq 0 ] || fail "batch: exit $rc: $(cat "$t/err")"
grep -q "pipe.txt: warning: skipped: not a regular file" "$t/err" || fail "FIFO not named: $(cat "$t/err")"
grep -q "out-link.txt: warning: skipped: a symbolic link out of the input tree" "$t/err" || fail "link out not named"
! grep -rq SECRET "$t/b1" || fail "a link out of the input tree was read"
grep -q "Kenya" "$t/b1/graph.nq" || fail "files lost"
timeout 60 "$NG_BIN" batch -q --no-sync -j 1 -f nquads --follow-links -o "$t/b2" "$t/in" 2> "$t/err"
grep -q SECRET "$t/b2/graph.nq" || fail "--follow-links did not follow"
ok "batch: regular files only, links inside the input tree unless --follow-links"

# 4. A file that changes while it is read is read again once, then refused
# (it gave a hash of neither version). A writer appends all the time; a
# few tries make sure that it ran during a read. The writer stops by itself
# after a minute or 200 MB, so that it cannot fill the disk if this script
# is killed before its trap runs.
python3 -c 'import sys; sys.stdout.write("Chile joined the OECD. " * 2000000)' > "$t/grow.txt"
python3 -c '
import sys, time
end = time.monotonic() + 60
with open(sys.argv[1], "a") as f:
    while time.monotonic() < end and f.tell() < 200000000:
        f.write("Peru joined the OECD.\n")
        f.flush()
' "$t/grow.txt" &
bg=$!
sleep 0.3
for try in 1 2 3; do
	run extract --max-size 4000000000 -f nquads "$t/grow.txt" > /dev/null
	[ $rc -eq 0 ] || break
done
kill $bg 2> /dev/null || true
wait $bg 2> /dev/null || true
bg=
[ $rc -eq 1 ] || fail "a file growing while read: exit $rc"
grep -q "grow.txt: byte 0: the file changed while it was read" "$t/err" || fail "changing file: $(cat "$t/err")"
ok "a file rewritten while read is refused"

# 7. A full output: one message naming the output and the reason, exit 1,
# no article analysed after it.
run extract -f nquads "$t/good.txt" "$t/good.txt" "$t/good.txt" > /dev/full
[ $rc -eq 1 ] || fail "/dev/full: exit $rc"
[ "$(wc -l < "$t/err")" -eq 1 ] || fail "/dev/full: more than one message: $(cat "$t/err")"
grep -q "stdout: write error: No space left on device" "$t/err" || fail "/dev/full: $(cat "$t/err")"
run extract -f nquads -o /dev/full "$t/good.txt" "$t/good.txt"
[ $rc -eq 1 ] && [ "$(wc -l < "$t/err")" -eq 1 ] || fail "-o /dev/full: $(cat "$t/err")"
grep -q "/dev/full: write error: No space left on device" "$t/err" || fail "-o /dev/full: $(cat "$t/err")"
ok "a full output stops the run with one message"

# 8. Nothing is cut: a NUL, U+FFFE or U+FFFF in a JSON value becomes
# U+FFFD; names with ESC or BEL are escaped on the terminal and in
# errors.tsv; invalid UTF-8 in a file name keeps the whole identifier;
# Turtle writes U+FFFD escaped.
printf '%s\n' \
	'{"id":"x\u0000a","title":"T\ufffeitle \uffff end","text":"Chile joined the OECD."}' \
	'{"id":"x\u0000b","title":"N\u0000ul end","text":"Peru joined the OECD."}' > "$t/cut.jsonl"
run extract --jsonl -f nquads "$t/cut.jsonl" > "$t/cut.nq"
[ $rc -eq 0 ] || fail "cut: exit $rc: $(cat "$t/err")"
grep -q '"T\\uFFFDitle \\uFFFD end"' "$t/cut.nq" || fail "title cut: $(grep title "$t/cut.nq")"
grep -q '"N\\uFFFDul end"' "$t/cut.nq" || fail "title cut at NUL"
grep -q '"x\\uFFFDa"' "$t/cut.nq" && grep -q '"x\\uFFFDb"' "$t/cut.nq" || fail "ids cut"
rm -rf "$t/b3"
"$NG_BIN" batch -q --no-sync -j 1 -f nquads -o "$t/b3" "$t/cut.jsonl" 2> /dev/null
[ "$(grep -c . "$t/b3/state.tsv")" -eq 2 ] || fail "two ids that differ after a NUL collide"
bell=$(printf 'n\033[31m\007')
mkdir "$t/names"
printf 'bad \377 byte\n' > "$t/names/$bell.txt"
printf 'Chile joined the OECD.\n' > "$t/names/$(printf 'caf\351').txt"
run extract -f nquads "$t/names/$bell.txt" "$t/names/$(printf 'caf\351').txt" > "$t/names.nq"
! grep -q "$(printf '\033')" "$t/err" && ! grep -q "$(printf '\007')" "$t/err" || fail "ESC or BEL reached the terminal"
grep -q 'n\\x1B\[31m\\x07.txt' "$t/err" || fail "name not escaped: $(cat -v "$t/err")"
grep -q '"caf\\uFFFD.txt"' "$t/names.nq" || fail "identifier with invalid UTF-8 cut: $(grep identifier "$t/names.nq")"
run batch -q --no-sync -j 1 -f nquads -o "$t/b4" "$t/names"
! grep -q "$(printf '\033')" "$t/b4/errors.tsv" || fail "ESC reached errors.tsv"
grep -q 'n\\x1B\[31m\\x07.txt' "$t/b4/errors.tsv" || fail "errors.tsv: $(cat -v "$t/b4/errors.tsv")"
printf 'T\357\277\276itle\nChile joined the OECD.\n' > "$t/fffe.txt"
"$NG_BIN" extract "$t/fffe.txt" > "$t/fffe.ttl"
grep -q 'dcterms:title "T\\uFFFDitle"' "$t/fffe.ttl" || fail "Turtle: U+FFFD not escaped: $(grep title "$t/fffe.ttl")"
ok "values are replaced or escaped, never cut"

# 9. URLs become valid IRIs (a second '#', '[', C1 controls and
# non-characters are percent-encoded) or are left out and said.
printf '%s\n' \
	'{"id":"u1","url":"http://example.org/a b#c#d","text":"Chile joined the OECD."}' \
	'{"id":"u2","url":"http://example.org/p[1]?q=\u0085","text":"Peru joined the OECD."}' \
	'{"id":"u3","url":"http://example.org/\uffff/x","text":"Kenya joined the OECD."}' \
	'{"id":"u4","url":"no scheme here","text":"Ghana joined the OECD."}' > "$t/urls.jsonl"
run extract --jsonl -f nquads "$t/urls.jsonl" > "$t/urls.nq"
grep -q '<http://example.org/a%20b#c%23d>' "$t/urls.nq" || fail "second #: $(grep source "$t/urls.nq")"
grep -q '<http://example.org/p%5B1%5D?q=%C2%85>' "$t/urls.nq" || fail "[ and C1: $(grep source "$t/urls.nq")"
grep -q '<http://example.org/%EF%BF%BF/x>' "$t/urls.nq" || fail "non-character: $(grep source "$t/urls.nq")"
grep -q "urls.jsonl: line 4: warning: \"url\" 'no scheme here' cannot be made an IRI" "$t/err" || fail "url not reported"
rapper -q -i nquads -c "$t/urls.nq" 2> "$t/rapper" || fail "urls: rapper: $(cat "$t/rapper")"
ok "URLs become valid IRIs or are left out"

# 10. Loaders: a confidence of NaN or nothing, and an id twice in one
# gazetteer, are errors with file and line.
printf 'p1\tvisited\tauto\tnan\tvisit\t(?<s>{PER}) visited (?<o>{GPE})\n' > "$t/nan.tsv"
printf 'p1\tvisited\tauto\t\tvisit\t(?<s>{PER}) visited (?<o>{GPE})\n' > "$t/empty.tsv"
printf 'zz\tCountry\tZorbia\t\t\nzz\tCountry\tZorbia Two\t\t\n' > "$t/dup.tsv"
for p in nan empty; do
	run extract -p "$t/$p.tsv" "$t/good.txt"
	[ $rc -ne 0 ] || fail "confidence '$p' accepted"
	grep -q "$p.tsv: line 1: confidence must be between 0 and 1" "$t/err" || fail "$p: $(cat "$t/err")"
done
run extract -g "$t/dup.tsv" "$t/good.txt"
[ $rc -ne 0 ] || fail "a repeated gazetteer id accepted"
grep -q "dup.tsv: line 2: duplicate id 'zz' of class Country (first on line 1)" "$t/err" || fail "dup: $(cat "$t/err")"
ok "loaders refuse NaN and repeated ids"

echo "hardening: all passed"
