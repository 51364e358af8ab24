#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Compressed input and output: *.gz articles and JSON Lines (files and
# standard input) are read as they are, -o FILE.gz writes gzip, batch reads
# *.txt.gz and *.jsonl.gz in directories, and broken gzip is reported with
# its file while the rest goes on.
set -eu
: "${NG_BIN:?}" "${NG_SRCDIR:?}"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v gzip > /dev/null 2>&1 || { echo "cli-gzip: SKIP: no gzip"; exit 77; }
a="$NG_SRCDIR/samples/001_ecd63f8d682de304.txt"
cp "$a" "$t/a.txt"
gzip -c "$a" > "$t/a.txt.gz"

# The same article compressed or not: the same graph but its identifier.
"$NG_BIN" extract -f nquads "$t/a.txt" > "$t/plain.nq" || fail "extract a.txt"
"$NG_BIN" extract -f nquads "$t/a.txt.gz" | sed 's/"a\.txt\.gz"/"a.txt"/' > "$t/gz.nq" ||
	fail "extract a.txt.gz"
cmp -s "$t/plain.nq" "$t/gz.nq" || fail "a .gz article gives another graph"
"$NG_BIN" extract -f nquads - < "$t/a.txt.gz" > "$t/stdin.nq" || fail "gzip on standard input"
"$NG_BIN" extract -f nquads - < "$t/a.txt" > "$t/stdin-plain.nq"
cmp -s "$t/stdin.nq" "$t/stdin-plain.nq" || fail "gzip on standard input differs"

# JSON Lines, gzip-compressed, from a file and from standard input.
python3 - "$a" > "$t/feed.jsonl" << 'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
for i in range(3):
    print(json.dumps({"id": "r%d" % i, "url": "https://example.org/%d" % i, "text": text}))
PY
gzip -c "$t/feed.jsonl" > "$t/feed.jsonl.gz"
"$NG_BIN" extract --jsonl "$t/feed.jsonl" > "$t/j.nq" || fail "--jsonl"
"$NG_BIN" extract --jsonl "$t/feed.jsonl.gz" > "$t/jgz.nq" || fail "--jsonl .gz"
cmp -s "$t/j.nq" "$t/jgz.nq" || fail "--jsonl .gz differs"
"$NG_BIN" extract --jsonl - < "$t/feed.jsonl.gz" > "$t/jstdin.nq" || fail "--jsonl - gzip"
cmp -s "$t/j.nq" "$t/jstdin.nq" || fail "--jsonl gzip on standard input differs"

# -o FILE.gz: gzip, the same statements.
"$NG_BIN" extract -f nquads -o "$t/out.nq.gz" "$t/a.txt" || fail "-o out.nq.gz"
[ "$(od -An -tx1 -N2 "$t/out.nq.gz" | tr -d ' ')" = 1f8b ] || fail "-o out.nq.gz is not gzip"
gzip -dc "$t/out.nq.gz" | cmp -s - "$t/plain.nq" || fail "-o out.nq.gz holds other statements"
"$NG_BIN" extract -o "$t/out.ttl.gz" "$t/a.txt" || fail "-o out.ttl.gz"
gzip -dc "$t/out.ttl.gz" > "$t/out.ttl"
"$NG_BIN" validate -q "$t/out.ttl" || fail "-o out.ttl.gz does not validate"

# Broken gzip: the file is named, the others are still written, exit 1.
head -c 300 "$t/a.txt.gz" > "$t/cut.txt.gz"
set +e
"$NG_BIN" extract -f nquads "$t/cut.txt.gz" "$t/a.txt" > "$t/cut.nq" 2> "$t/err"
rc=$?
set -e
[ $rc -eq 1 ] || fail "broken gzip: exit $rc"
grep -q 'cut.txt.gz: byte 0: invalid or truncated gzip data' "$t/err" || fail "broken gzip: $(cat "$t/err")"
grep -q 'dc/terms/identifier> "a.txt"' "$t/cut.nq" || fail "broken gzip: the good file was lost"
python3 - "$t/big.jsonl" << 'PY'
import json, random, sys
random.seed(1)
with open(sys.argv[1], "w") as f:
    for i in range(400):
        words = " ".join(random.choice(["alpha", "beta", "gamma", "delta"]) for _ in range(60))
        f.write(json.dumps({"id": "b%d" % i, "text": "Chile joined the OECD. " + words}) + "\n")
PY
gzip -c "$t/big.jsonl" | head -c 4000 > "$t/cut.jsonl.gz"
set +e
"$NG_BIN" extract --jsonl "$t/cut.jsonl.gz" > /dev/null 2> "$t/err"
rc=$?
set -e
[ $rc -eq 1 ] || fail "broken gzip JSON Lines: exit $rc"
grep -q 'cut.jsonl.gz' "$t/err" || fail "broken gzip JSON Lines: $(cat "$t/err")"

# batch: *.txt.gz and *.jsonl.gz in a directory.
mkdir "$t/in"
cp "$t/a.txt.gz" "$t/in/"
cp "$NG_SRCDIR/samples/000_5f5350e0ab9f7d37.txt" "$t/in/"
cp "$t/feed.jsonl.gz" "$t/in/"
"$NG_BIN" batch -q -f nquads -o "$t/out" "$t/in" || fail "batch with .gz inputs"
[ "$(grep -c 'ns#Article> <' "$t/out/graph.nq")" -eq 5 ] ||
	fail "batch read $(grep -c 'ns#Article> <' "$t/out/graph.nq") articles of 5"
echo "cli-gzip: all passed"
