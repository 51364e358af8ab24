#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# CLI tests for newsgraph batch and extract --jsonl: incremental reruns,
# byte-identical output for any --jobs, kill -9 and rerun, every failure
# kind, JSON Lines metadata, and a GNU parallel split of extract --jsonl.
set -eu
: "${NG_BIN:?}" "${NG_SRCDIR:?}"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
S="$NG_SRCDIR/samples"
cd "$t"

# A small corpus: the samples, and variants of them so that runs take a
# moment (for the kill test).
mkdir -p in/sub corpus
cp "$S"/*.txt in/
cp "$S"/000_*.txt in/sub/copy.txt
printf '\nA line that makes this copy new.\n' >> in/sub/copy.txt
i=0
for n in $(seq 1 30); do
	for f in "$S"/*.txt; do
		i=$((i + 1))
		{ cat "$f"; printf '\nVariant %s of the story.\n' "$i"; } > "corpus/a$i.txt"
	done
done

# --- a run, then a rerun that skips everything ---------------------------
"$NG_BIN" batch -o out in 2> err1 || { cat err1; fail "first run"; }
grep -q "6 articles, 0 skipped, 0 failed" err1 || fail "summary: $(cat err1)"
for f in graph.nq graph.ttl state.tsv errors.tsv; do
	[ -f "out/$f" ] || fail "no out/$f"
done
[ "$(wc -l < out/state.tsv)" -eq 6 ] || fail "state has $(wc -l < out/state.tsv) lines"
[ "$(find out/articles -name '*.nq' | wc -l)" -eq 6 ] || fail "per-article N-Quads files"
[ "$(find out/articles -name '*.ttl' | wc -l)" -eq 6 ] || fail "per-article Turtle files"
if [ -n "${RAPPER:-}" ]; then
	"$RAPPER" -q -i nquads -c out/graph.nq 2> rap || fail "rapper rejects graph.nq"
	"$RAPPER" -q -i turtle -c out/graph.ttl 2>> rap || fail "rapper rejects graph.ttl"
	! grep -qi warning rap || fail "rapper warns: $(cat rap)"
	for f in out/articles/*/*.ttl; do
		"$RAPPER" -q -i turtle -c "$f" 2> /dev/null || fail "rapper rejects $f"
	done
fi
# The merged Turtle holds the prefixes once, then every article's blocks.
[ "$(grep -c '^@prefix ng:' out/graph.ttl)" -eq 1 ] || fail "prefixes repeated in graph.ttl"
[ "$(grep -c ' a ng:Article' out/graph.ttl)" -eq 6 ] || fail "articles in graph.ttl"
# The merged N-Quads are the per-article files, one named graph each.
cat $(find out/articles -name '*.nq' | sort) | cmp -s - out/graph.nq || fail "graph.nq is not the per-article files in order"
[ "$(awk '{print $(NF-1)}' out/graph.nq | sort -u | grep -c /article/)" -eq 6 ] || fail "one named graph per article"
! grep -q '_:' out/graph.nq || fail "blank nodes in graph.nq"
cp -r out out.first
"$NG_BIN" batch -o out in 2> err2 || fail "rerun"
grep -q "0 articles, 6 skipped" err2 || fail "rerun did not skip: $(cat err2)"
diff -r out.first out > /dev/null || fail "rerun changed the output"

# --- a changed and a new article: only they are processed ----------------
changed=$(ls in/001_*.txt)
{ printf 'Chile joined the OECD.\n\n'; cat "$S"/001_*.txt; } > "$changed"
printf 'Japan joined NATO in a new story.\n' > in/new.txt
# Leftovers of a killed run and files no state line names are removed.
mkdir -p out/articles/00 out/articles/ff
: > out/articles/00/.00000000000000000000000000000000.nq.1
: > out/articles/ff/ffffffffffffffffffffffffffffffff.nq
"$NG_BIN" batch -o out in 2> err3 || fail "incremental run"
[ -z "$(find out/articles -name '.0000*' -o -name 'ffff*')" ] || fail "leftovers stay"
grep -q "2 articles, 5 skipped, 0 failed" err3 || fail "incremental summary: $(cat err3)"
[ "$(wc -l < out/state.tsv)" -eq 7 ] || fail "state after change"
[ "$(find out/articles -name '*.nq' | wc -l)" -eq 7 ] || fail "the old file of a changed article stays"
grep -q "organization/oecd" out/graph.nq || fail "changed article not in graph"
# The same inputs from scratch give the same bytes.
"$NG_BIN" batch -q -o fresh in || fail "fresh run"
diff -r fresh out > /dev/null || fail "incremental output differs from a fresh run"

# --- byte-identical for every --jobs --------------------------------------
"$NG_BIN" batch -q -j 1 -o j1 corpus in || fail "jobs 1"
"$NG_BIN" batch -q -j 3 -o j3 corpus in || fail "jobs 3"
"$NG_BIN" batch -q -j 8 -o j8 corpus in || fail "jobs 8"
diff -r j1 j3 > /dev/null || fail "jobs 1 and 3 differ"
diff -r j1 j8 > /dev/null || fail "jobs 1 and 8 differ"

# --- kill -9 at any moment, then rerun: the output of an uninterrupted run.
for delay in 0.05 0.3 0.6; do
	rm -rf k
	"$NG_BIN" batch -q -j 2 -o k corpus in & pid=$!
	sleep "$delay"
	kill -9 "$pid" 2> /dev/null || true
	wait "$pid" 2> /dev/null || true
	# A second kill, sooner, on the rerun.
	"$NG_BIN" batch -q -j 3 -o k corpus in & pid=$!
	sleep 0.1
	kill -9 "$pid" 2> /dev/null || true
	wait "$pid" 2> /dev/null || true
	"$NG_BIN" batch -j 2 -o k corpus in 2> kerr || fail "rerun after kill at $delay s"
	diff -r j1 k > /dev/null || { diff -r j1 k | head -5; fail "output after kill at $delay s differs"; }
	# Nothing lost, nothing twice.
	[ "$(wc -l < k/state.tsv)" -eq "$(wc -l < j1/state.tsv)" ] || fail "state after kill"
done
tail -1 kerr

# --- per-article failures: reported, recorded, the batch goes on ----------
mkdir bad
printf 'Chile joined the OECD.\n' > bad/good.txt
printf 'bad \377 byte\n' > bad/utf8.txt
head -c 3000 "$S"/000_*.txt > bad/big.txt
ln -s /nonexistent bad/dangling.txt
cat > bad/feed.jsonl <<'EOF'
{"id": "j1", "url": "https://example.org/news/1", "title": "Tokyo news", "date": "2024-05-01", "text": "Japan joined NATO."}
{"id": "j2", "text": "Chile joined the OECD.
this is not json
{"id": "j3", "url": "https://example.org/news/3"}

{"id": 4, "text": "Peru joined the OECD."}
{"id": "j1", "text": "A second article with the id j1."}
EOF
set +e
"$NG_BIN" batch -o badout --max-size 2000 bad 2> berr
rc=$?
set -e
[ $rc -eq 1 ] || fail "exit $rc with failures, expected 1"
grep -q "utf8.txt: byte 4: invalid UTF-8" berr || fail "invalid UTF-8 message: $(cat berr)"
grep -q "big.txt: .*larger than --max-size" berr || fail "max-size message"
grep -q "dangling.txt: .*cannot read" berr || fail "unreadable message"
grep -q "feed.jsonl: line 2: .*malformed JSON" berr || fail "malformed JSON line 2"
grep -q "feed.jsonl: line 3: .*malformed JSON" berr || fail "malformed JSON line 3"
grep -q "feed.jsonl: line 4: .*no \"text\"" berr || fail "missing text on line 4"
grep -q "feed.jsonl: line 7: .*duplicate article id 'j1'" berr || fail "duplicate id"
[ "$(tail -n +2 badout/errors.tsv | wc -l)" -eq 7 ] || { cat badout/errors.tsv; fail "errors.tsv rows"; }
head -1 badout/errors.tsv | grep -q "^source	line	byte	error$" || fail "errors.tsv header"
grep -q "feed.jsonl	2		malformed JSON" badout/errors.tsv || fail "errors.tsv line number"
grep -q "utf8.txt		4	invalid UTF-8" badout/errors.tsv || fail "errors.tsv byte"
grep -q "3 articles, 0 skipped, 7 failed" berr || fail "failure summary: $(cat berr)"
# JSON Lines metadata: url and date reach the article.
grep -q '<http://purl.org/dc/terms/source> <https://example.org/news/1>' badout/graph.nq || fail "url from JSON Lines"
grep -q '"2024-05-01"^^<http://www.w3.org/2001/XMLSchema#date>' badout/graph.nq || fail "date from JSON Lines"
grep -q '<http://purl.org/dc/terms/identifier> "4"' badout/graph.nq || fail "integer id"
grep -q "organization/oecd" badout/graph.nq || fail "good article lost"
# Failures are tried again on a rerun; errors.tsv is this run's.
set +e
"$NG_BIN" batch -q -o badout --max-size 2000 bad 2> /dev/null; rc=$?
set -e
[ $rc -eq 1 ] || fail "rerun with failures exit $rc"
[ "$(tail -n +2 badout/errors.tsv | wc -l)" -eq 7 ] || fail "errors.tsv after rerun"

# JSON Lines on standard input.
printf '{"id":"s1","text":"Chile joined the OECD."}\n' | "$NG_BIN" batch -q -o stdin - || fail "stdin"
grep -q "	s1	" stdin/state.tsv || fail "stdin article"

# --glob and --format.
"$NG_BIN" batch -q -f nquads --glob '*.jsonl' -o globout bad 2> /dev/null || true
[ -f globout/graph.nq ] && [ ! -f globout/graph.ttl ] || fail "--format nquads"
! grep -q "good.txt" globout/state.tsv || fail "--glob read a .txt"

# --stats writes JSON; --quiet prints nothing.
"$NG_BIN" batch -q --stats st.json -o out in > q.out 2> q.err || fail "--stats"
[ ! -s q.out ] && [ ! -s q.err ] || fail "--quiet printed"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["skipped"]==7 and d["articles"]==0 and "mb_per_s" in d and "seconds" in d' st.json || fail "stats JSON: $(cat st.json)"

# A progress bar on a terminal (when script(1) can make one).
if command -v script > /dev/null 2>&1; then
	script -qec "'$NG_BIN' batch -j 1 -o prog corpus" /dev/null > prog.txt 2>&1 || true
	grep -q "articles .*MB/s .*ETA" prog.txt || fail "no progress bar on a terminal"
fi

# Usage errors exit 2.
for args in "in" "-o x" "-o x -j 0 in" "-o x -f xml in" "-o x --bogus in"; do
	set +e
	# shellcheck disable=SC2086
	"$NG_BIN" batch $args 2> /dev/null; rc=$?
	set -e
	[ $rc -eq 2 ] || fail "batch $args: exit $rc, expected 2"
done

# --- many ids in one run: duplicates are found among thousands (the set of
# a run's ids, src/idset.c, merges its newest ids every 256; check_batch
# covers the runs it writes to disk beyond 16,384).
python3 -c '
import json
for i in range(2500):
    print(json.dumps({"id": "n%d" % i, "text": "Chile met Peru on day %d." % i}))
print(json.dumps({"id": "n7", "text": "Again."}))
print(json.dumps({"id": "n2047", "text": "Again."}))
print(json.dumps({"id": "n2499", "text": "Again."}))
' > many.jsonl
set +e
"$NG_BIN" batch -q -f nquads -o many many.jsonl 2> merr; rc=$?
set -e
[ $rc -eq 1 ] || fail "many ids: exit $rc"
[ "$(grep -c "duplicate article id" merr)" -eq 3 ] || fail "many ids: $(grep -c duplicate merr) duplicates found"
for id in n7 n2047 n2499; do
	grep -q "duplicate article id '$id'" merr || fail "duplicate $id not found"
done
[ "$(wc -l < many/state.tsv)" -eq 2500 ] || fail "many ids: state has $(wc -l < many/state.tsv) lines"

# --- lean by default: facts with their provenance, no NIF mentions;
# --mentions adds them, and a rerun with other options redoes the articles.
grep -q 'nif-core#Phrase' out/graph.nq && fail "mentions written by default"
grep -q 'ns#Provenance' out/graph.nq || fail "the default lost the provenance"
grep -q 'ns#metWith' out/graph.nq || fail "the default lost the facts"
grep -q 'schema.org/mentions' out/graph.nq || fail "no schema:mentions by default"
"$NG_BIN" batch -q -f nquads --mentions -o lean in 2> errl || fail "--mentions run"
grep -q 'nif-core#Phrase' lean/graph.nq || fail "--mentions wrote no mentions"
grep -q 'nif-core#isString' lean/graph.nq || fail "--mentions wrote no article text"
"$NG_BIN" batch -f nquads --no-mentions -o lean in 2> errl2 || fail "rerun without mentions"
grep -q "7 articles, 0 skipped" errl2 || fail "other options did not redo: $(cat errl2)"
grep -q 'nif-core#Phrase' lean/graph.nq && fail "rerun without mentions has them"
"$NG_BIN" batch --help | grep -q "Usage: newsgraph batch" || fail "help"

# --- extract --jsonl: a stateless filter that shards merge by concatenation.
python3 -c '
import json, sys
for f in sys.argv[1:]:
    print(json.dumps({"id": f, "url": "https://example.org/" + f, "date": "2024-05-01",
                      "text": open(f, encoding="utf-8").read()}))
' $(ls corpus/a*.txt | head -40) > small.jsonl
"$NG_BIN" extract --jsonl small.jsonl > one.nq || fail "extract --jsonl"
"$NG_BIN" extract --jsonl - < small.jsonl | cmp -s - one.nq || fail "extract --jsonl - differs"
! grep -q '_:' one.nq || fail "blank nodes in extract --jsonl"
"$NG_BIN" extract --jsonl -f ntriples small.jsonl > one.nt || fail "--jsonl -f ntriples"
set +e
"$NG_BIN" extract --jsonl -f turtle small.jsonl > /dev/null 2>&1; rc=$?
set -e
[ $rc -eq 2 ] || fail "--jsonl -f turtle exit $rc"
if command -v parallel > /dev/null 2>&1; then
	parallel --will-cite --pipe -N 7 -j 3 "'$NG_BIN'" extract --jsonl - < small.jsonl > shards.nq \
		|| fail "parallel --pipe"
	sort -u one.nq > one.sorted
	sort -u shards.nq > shards.sorted
	cmp -s one.sorted shards.sorted || fail "parallel split gives other quads"
	echo "cli-batch: GNU parallel split gives the same $(wc -l < one.sorted) quads"
else
	echo "cli-batch: parallel not installed; the GNU parallel split is skipped"
	exit 77
fi
echo "cli-batch: all passed"
