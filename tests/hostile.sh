#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Hostile input: each row of the README's "Hostile input" table, in order.
# newsgraph must never crash or hang on it, must say what went wrong with
# the file and byte, and must never write RDF that a parser rejects.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
: "${NG_SRCDIR:=$(dirname "$here")}"
: "${NG_BIN:=./src/newsgraph}"
H="$NG_SRCDIR/tests/hostile"
S="$NG_SRCDIR/samples"
t=$(mktemp -d)
u=
as=
mnt=
cleanup() {
	[ -z "$mnt" ] || umount "$mnt" 2> /dev/null || true
	rm -rf "$t" ${u:+"$u"}
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "hostile: SKIP $*"; }
ok() { echo "hostile: ok   $*"; }
printf 'Chile joined the OECD.\n' > "$t/good.txt"

# Runs extract with a time limit (a hang is a failure, not a stuck CI);
# sets rc and leaves stderr in $t/err.
run() {
	set +e
	# shellcheck disable=SC2086
	timeout "${NG_HOSTILE_TIMEOUT:-300}" $as "$NG_BIN" "$@" 2> "$t/err"
	rc=$?
	set -e
	[ $rc -ne 124 ] || fail "timed out: $*"
	[ $rc -lt 128 ] || { cat "$t/err" >&2; fail "killed by signal $((rc - 128)): $*"; }
	if grep -q -E 'AddressSanitizer|runtime error:|LeakSanitizer' "$t/err"; then
		cat "$t/err" >&2
		fail "sanitizer report: $*"
	fi
}
# The error names the file and byte; the good file beside it still counts.
expect_error() { # NAME MESSAGE
	run extract -f ntriples -o "$t/out.nt" "$t/$1" "$t/good.txt"
	[ $rc -eq 1 ] || fail "$1: exit $rc, expected 1"
	grep -q -F "$1: byte $2" "$t/err" || fail "$1: expected 'byte $2', got: $(cat "$t/err")"
	grep -q "organization/oecd" "$t/out.nt" || fail "$1: the good file was lost"
	rapper -q -i ntriples -c "$t/out.nt" 2> /dev/null || fail "$1: output does not parse"
}
parses() { # FILE SYNTAX
	rapper -i "$2" -c "$1" > "$t/rapper" 2>&1 || { cat "$t/rapper" >&2; fail "rapper rejects $1"; }
	! grep -q -i -E 'warning|error' "$t/rapper" || { cat "$t/rapper" >&2; fail "rapper warns on $1"; }
}

# Empty file.
: > "$t/empty.txt"
expect_error empty.txt "0: empty file"
ok "empty file"

# Binary file: the first byte that is no UTF-8 (a NUL byte here).
printf '\177ELF\002\001\001\000\000\000\000\000' > "$t/binary.bin"
head -c 4096 /dev/urandom >> "$t/binary.bin"
expect_error binary.bin "7: NUL byte"
ok "binary file"

# NUL bytes.
printf 'Mark Rutte\000visited Japan.\n' > "$t/nul.txt"
expect_error nul.txt "10: NUL byte"
ok "NUL byte"

# Invalid UTF-8: a stray continuation byte, a truncated sequence at the end.
printf 'Mark Rutte visited \200Japan.\n' > "$t/cont.txt"
expect_error cont.txt "19: invalid UTF-8"
printf 'Mark Rutte visited Japan \342\202' > "$t/trunc.txt"
expect_error trunc.txt "25: invalid UTF-8"
ok "invalid UTF-8"

# Overlong encodings, UTF-16 surrogates and code points past U+10FFFF.
i=0
for seq in '\300\257' '\340\200\257' '\360\200\200\257' '\301\201' '\355\240\200' '\364\220\200\200' '\370\210\200\200\200'; do
	i=$((i + 1))
	printf "Japan $seq is here.\n" > "$t/overlong$i.txt"
	expect_error "overlong$i.txt" "6: invalid UTF-8"
done
ok "overlong encodings, surrogates, past U+10FFFF"

# A UTF-8 byte order mark is dropped; offsets count from the text after it.
printf '\357\273\277Mark Rutte visited Japan.\n' > "$t/bom.txt"
run extract --mentions -f ntriples -o "$t/bom.nt" "$t/bom.txt"
[ $rc -eq 0 ] || fail "BOM: exit $rc"
grep -q '#char=0,10> <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf> "Mark Rutte"' "$t/bom.nt" ||
	fail "BOM: Mark Rutte is not at characters 0-10"
! grep -q "$(printf '\357\273\277')" "$t/bom.nt" || fail "BOM: a BOM in the output"
grep -q 'nif-core#isString> "Mark Rutte visited Japan.\\n"' "$t/bom.nt" ||
	fail "BOM: the article's text keeps a BOM or loses its end"
ok "UTF-8 BOM"

# CRLF line ends: accepted, and no carriage return reaches a literal.
printf 'Rutte in Tokyo\r\n\r\nMark Rutte visited Japan.\r\nHe met Gen Nakatani.\r\n' > "$t/crlf.txt"
run extract -f ntriples -o "$t/crlf.nt" "$t/crlf.txt"
[ $rc -eq 0 ] || fail "CRLF: exit $rc"
grep -q 'ns#visited> <https://w3id.org/newsgraph/id/country/JPN>' "$t/crlf.nt" || fail "CRLF: no visit"
! grep -q '\\r' "$t/crlf.nt" || fail "CRLF: a carriage return in a literal"
grep -q '"Rutte in Tokyo"' "$t/crlf.nt" || fail "CRLF: title"
run extract --mentions -f ntriples -o "$t/crlfm.nt" "$t/crlf.txt"
grep -q 'isString> "Rutte in Tokyo \\n \\nMark Rutte visited Japan. \\nHe met' "$t/crlfm.nt" ||
	fail "CRLF: the article's text lost a line feed or kept a carriage return"
ok "CRLF"

# A 50 MB single line: one sentence far over NG_MAX_SENTENCE_TOKENS, so no
# pattern runs on it; it finishes in bounded time and the output parses.
python3 -c '
import sys
n = 50 * 1024 * 1024
s = "Mark Rutte visited Japan and " + "the quick brown fox jumps over the lazy dog, " * (n // 45)
sys.stdout.write(s[:n] + "\n")' > "$t/line.txt"
run extract -o "$t/line.ttl" "$t/line.txt"
[ $rc -eq 0 ] || { cat "$t/err" >&2; fail "50 MB line: exit $rc"; }
parses "$t/line.ttl" turtle
! grep -q "ng:visited" "$t/line.ttl" || fail "50 MB line: patterns ran on an over-long sentence"
rm -f "$t/line.txt" "$t/line.ttl"
ok "50 MB single line"

# Maximum sentence length: the same fact in a sentence of more than
# NG_MAX_SENTENCE_TOKENS (400) tokens is not matched; in a short one it is.
python3 -c 'print("Mark Rutte visited Japan, " + "and then " * 200 + "he left. Gen Nakatani visited Japan.")' > "$t/long.txt"
run extract -e "$t/long.txt" > /dev/null
[ $rc -eq 0 ] || fail "long sentence: exit $rc"
"$NG_BIN" extract -e "$t/long.txt" > "$t/long.out"
grep -q "Gen Nakatani visited Japan" "$t/long.out" || fail "long sentence: short sentence lost"
! grep -q "Mark Rutte visited Japan" "$t/long.out" || fail "long sentence: matched past the limit"
ok "sentence over NG_MAX_SENTENCE_TOKENS"

# A file over --max-size is refused before it is read whole.
head -c 5000 /dev/zero | tr '\0' 'a' > "$t/big.txt"
run extract --max-size 4096 -f ntriples -o "$t/out.nt" "$t/big.txt" "$t/good.txt"
[ $rc -eq 1 ] || fail "--max-size: exit $rc"
grep -q "big.txt: byte 4096: larger than --max-size" "$t/err" || fail "--max-size: $(cat "$t/err")"
grep -q "organization/oecd" "$t/out.nt" || fail "--max-size: the good file was lost"
printf 'Chile joined the OECD.\n' | "$NG_BIN" extract --max-size 10 - > /dev/null 2> "$t/err" && fail "--max-size on stdin"
grep -q "larger than --max-size" "$t/err" || fail "--max-size on stdin: $(cat "$t/err")"
ok "file over --max-size"

# A symlink loop in a batch directory: batch ends, the output parses, and
# it holds the one article (the same text is the same article IRI).
if "$NG_BIN" batch --help > /dev/null 2>&1; then
	mkdir -p "$t/loop"
	cp "$t/good.txt" "$t/loop/a.txt"
	ln -s . "$t/loop/self"
	ln -s b "$t/loop/a-link"
	ln -s a-link "$t/loop/b"
	set +e
	timeout 120 "$NG_BIN" batch -q -j 2 -f turtle "$t/loop" -o "$t/loop-out" 2> "$t/err"
	rc=$?
	set -e
	[ $rc -eq 0 ] || [ $rc -eq 1 ] || { cat "$t/err" >&2; fail "symlink loop: batch exit $rc"; }
	parses "$t/loop-out/graph.ttl" turtle
	n=$(grep -o 'id/article/[0-9a-f]*>' "$t/loop-out/graph.ttl" | sort -u | wc -l)
	[ "$n" -eq 1 ] || fail "symlink loop: $n articles, expected 1"
	# Each directory is walked once, so the article is read once.
	[ "$(wc -l < "$t/loop-out/state.tsv")" -eq 1 ] || fail "symlink loop: article read more than once"
	ok "symlink loop in a batch directory"
else
	skip "symlink loop in a batch directory: 'newsgraph batch' is not built yet"
fi

# An unreadable file. Root reads any file, so as root the command runs as
# nobody (setpriv, else runuser), in a directory of its own that nobody may
# write; it is skipped only where neither tool exists or nobody cannot run
# $NG_BIN (a build tree that only root may enter).
as=
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv > /dev/null 2>&1; then
		as="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	elif command -v runuser > /dev/null 2>&1; then
		as="runuser -u nobody --"
	fi
fi
u=$(mktemp -d)
chmod 777 "$u"
cp "$t/good.txt" "$u/unreadable.txt"
chmod 000 "$u/unreadable.txt"
if [ "$(id -u)" -eq 0 ] && [ -z "$as" ]; then
	skip "unreadable file: running as root, who reads any file, without setpriv or runuser"
elif [ -n "$as" ] && ! $as "$NG_BIN" --version > /dev/null 2>&1; then
	skip "unreadable file: nobody cannot run $NG_BIN"
else
	run extract -o "$u/out.ttl" "$u/unreadable.txt"
	[ $rc -eq 1 ] || fail "unreadable: exit $rc"
	grep -q "unreadable.txt: byte 0: Permission denied" "$t/err" || fail "unreadable: $(cat "$t/err")"
	ok "unreadable file${as:+ (as nobody)}"
fi
as=

# A directory given as a file.
mkdir "$t/dir.txt"
expect_error dir.txt "0: is a directory"
ok "directory as a file"

# Text that tries to break Turtle, in gazetteer names and in the title: quotes,
# "> ., backslashes, \u0000 written out, C0 and C1 controls, U+FFFE, right-to-left marks.
for f in turtle ntriples nquads; do
	run extract -f $f -g "$H/turtle-breaking.tsv" -o "$t/tb.$f" "$H/turtle-breaking.txt"
	[ $rc -eq 0 ] || { cat "$t/err" >&2; fail "Turtle-breaking text ($f): exit $rc"; }
	parses "$t/tb.$f" $f
done
grep -q 'organization/evil-corp' "$t/tb.ntriples" || fail "Turtle-breaking text: entity lost"
grep -q 'ns#joined> <https://w3id.org/newsgraph/id/organization/evil-corp>' "$t/tb.ntriples" ||
	fail "Turtle-breaking text: fact lost"
rapper -q -i turtle -o ntriples "$t/tb.turtle" | LC_ALL=C sort > "$t/tb1"
LC_ALL=C sort "$t/tb.ntriples" > "$t/tb2"
cmp -s "$t/tb1" "$t/tb2" || fail "Turtle-breaking text: Turtle and N-Triples differ"
"$NG_BIN" validate "$t/tb.turtle" > "$t/val" || { cat "$t/val" >&2; fail "Turtle-breaking text does not validate"; }
# The title keeps its text, with controls made spaces and U+FFFE made U+FFFD.
python3 - "$t/tb.ntriples" << 'PY' || fail "Turtle-breaking text: title literal"
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<http://purl.org/dc/terms/title> "((?:[^"\\]|\\.)*)"', text)
assert m, "no title"
esc = {"t": "\t", "n": "\n", "r": "\r", '"': '"', "\\": "\\", "'": "'", "b": "\b", "f": "\f"}
lit = re.sub(r'\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)',
             lambda e: chr(int(e.group(1)[1:], 16)) if len(e.group(1)) > 1 else esc[e.group(1)],
             m.group(1))
assert lit.startswith('Title "> . <urn:x:y> ; \\ \\u0000'), lit
assert "\ufffe" not in lit and "\ufffd" in lit and "\u200f" in lit and "\x01" not in lit, lit
PY
ok "text that tries to break Turtle"

# A full output disk: -o writes a temporary file and renames it, so the
# previous output survives, no temporary file is left, and the error says so.
echo "previous output" > "$t/keep.ttl"
mkdir "$t/small"
if mount -t tmpfs -o size=64k tmpfs "$t/small" 2> /dev/null; then
	mnt="$t/small"
	cp "$t/keep.ttl" "$t/small/out.ttl"
	run extract -o "$t/small/out.ttl" "$S"/*.txt
	how="a full 64 KiB tmpfs"
else
	# No mount here (an unprivileged container): a file size limit gives
	# the same short writes (EFBIG instead of ENOSPC).
	cp "$t/keep.ttl" "$t/small/out.ttl"
	set +e
	(trap '' XFSZ; ulimit -f 64; exec "$NG_BIN" extract -o "$t/small/out.ttl" "$S"/*.txt) 2> "$t/err"
	rc=$?
	set -e
	how="a 64 KiB file size limit"
fi
[ $rc -eq 1 ] || fail "full disk: exit $rc"
grep -q "out.ttl: write error: .*; the previous file is kept" "$t/err" || fail "full disk: $(cat "$t/err")"
cmp -s "$t/keep.ttl" "$t/small/out.ttl" || fail "full disk: the previous output was damaged"
[ "$(ls "$t/small")" = out.ttl ] || fail "full disk: left $(ls "$t/small")"
if [ -n "$mnt" ]; then umount "$mnt"; mnt=; fi
run extract "$t/good.txt" > /dev/full
[ $rc -eq 1 ] || fail "/dev/full: exit $rc"
grep -q "stdout: write error: No space left on device" "$t/err" || fail "/dev/full: $(cat "$t/err")"
ok "full output disk ($how, and /dev/full)"

# PCRE2 match and depth limits: patterns that backtrack exponentially give
# up on the sentence (NG_PCRE2_MATCH_LIMIT, NG_PCRE2_DEPTH_LIMIT) and the
# other patterns still run.
python3 -c 'print("Mark Rutte said that " + "we " * 60 + "saw Gen Nakatani in Japan. Mark Rutte visited Japan.")' > "$t/backtrack.txt"
NG_HOSTILE_TIMEOUT=60 run extract -e -p "$H/backtrack-patterns.tsv" "$t/backtrack.txt" > /dev/null
[ $rc -eq 0 ] || { cat "$t/err" >&2; fail "backtracking pattern: exit $rc"; }
"$NG_BIN" extract -e -p "$H/backtrack-patterns.tsv" "$t/backtrack.txt" > "$t/bt.out"
grep -q "Mark Rutte visited Japan \[asserted, rule visit-verb" "$t/bt.out" || fail "backtracking pattern: other facts lost"
! grep -q "evil-backtrack\|deep-nesting" "$t/bt.out" || fail "backtracking pattern matched"
ok "PCRE2 match and depth limits"

echo "hostile: all passed"
