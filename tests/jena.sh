#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The shipped queries in Apache Jena (Debian's libapache-jena-java), the
# oracle where roqet is wrong: ARQ over the Turtle of samples/, TDB2 with a
# union default graph over the N-Quads, and samples/queries/named-graphs/
# (the form that needs no union default graph) over the N-Quads with ARQ.
# Each must give samples/queries/NAME.tsv (canonical, tests/sparql-canon).
#
# To write the expected files from Jena when extraction changes on purpose:
#   NG_BIN=./src/newsgraph /path/to/src/tests/jena.sh --update
set -eu
here=$(cd "$(dirname "$0")" && pwd)
: "${NG_SRCDIR:=$(dirname "$here")}"
: "${NG_BIN:=./src/newsgraph}"
update=no
[ "${1:-}" = --update ] && update=yes
if ! command -v java > /dev/null 2>&1 || [ ! -f /usr/share/java/jena-arq.jar ]; then
	echo "jena: SKIP: Jena not found (apt-get install default-jre-headless libapache-jena-java)"
	exit 77
fi
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
Q="$NG_SRCDIR/samples/queries"

# The class path: the jars of libapache-jena-java and of the Java packages
# it depends on, with slf4j's no-op binding. Debian 12's package looks for
# the messages of its relocated Xerces under xerces/ but ships them under
# org/apache/jena/ext/xerces/: without a copy, every XSD datatype fails.
todo=libapache-jena-java seen=" "
while [ -n "$todo" ]; do
	next=
	for p in $todo; do
		case "$seen" in *" $p "*) continue ;; esac
		seen="$seen$p "
		next="$next $(dpkg-query -W -f '${Depends}' "$p" 2> /dev/null | tr ',|' '\n\n' |
			sed 's/^ *//; s/[ :(].*//' | grep -- '-java$' || true)"
	done
	todo=$next
done
cp=$(for p in $seen; do dpkg -L "$p" 2> /dev/null; done | grep '^/usr/share/java/[^/]*\.jar$' |
	grep -v -- '-[0-9][^/]*\.jar$' | grep -v '/slf4j-\|log4j\|/jcl-over\|/jul-to' | sort -u | tr '\n' ':')
cp="$t/res:${cp}/usr/share/java/slf4j-api.jar:/usr/share/java/slf4j-nop.jar"
python3 - "$t/res" << 'PY' || fail "cannot copy Jena's Xerces messages"
import os, sys, zipfile
pre = "org/apache/jena/ext/xerces/"
with zipfile.ZipFile("/usr/share/java/jena-core.jar") as z:
    for n in z.namelist():
        if n.startswith(pre) and n.endswith(".properties"):
            out = os.path.join(sys.argv[1], "xerces", n[len(pre):])
            os.makedirs(os.path.dirname(out), exist_ok=True)
            with open(out, "wb") as f:
                f.write(z.read(n))
PY
jena() { java -cp "$cp" "$@"; }

"$NG_BIN" extract "$NG_SRCDIR"/samples/*.txt -o "$t/samples.ttl" || fail "extract samples"
"$NG_BIN" extract -f nquads "$NG_SRCDIR"/samples/*.txt -o "$t/samples.nq" || fail "extract N-Quads"
jena tdb2.tdbloader --loc "$t/tdb" "$t/samples.nq" > "$t/load.log" 2>&1 ||
	{ cat "$t/load.log" >&2; fail "TDB2 does not load the N-Quads"; }

# check NAME EXPECTED DESCRIPTION CMD...: CMD's XML results, canonical,
# are EXPECTED.
check() {
	c_name=$1 c_want=$2 c_what=$3
	shift 3
	"$@" --results=XML > "$t/$c_name.xml" 2> "$t/$c_name.err" ||
		{ cat "$t/$c_name.err" >&2; fail "$c_what: Jena fails"; }
	python3 "$NG_SRCDIR/tests/sparql-canon" "$t/$c_name.xml" > "$t/$c_name.tsv" ||
		fail "$c_what: canon"
	[ "$(wc -l < "$t/$c_name.tsv")" -gt 1 ] || fail "$c_what: no results"
	if [ $update = yes ] && [ "$c_name" = turtle ]; then
		cp "$t/$c_name.tsv" "$c_want"
		echo "jena: wrote $c_want"
	elif ! diff -u "$c_want" "$t/$c_name.tsv" >&2; then
		fail "$c_what: results differ from $c_want"
	fi
}

n=0
for q in "$Q"/*.rq; do
	name=$(basename "$q" .rq)
	check turtle "$Q/$name.tsv" "$name.rq, ARQ over Turtle" \
		jena arq.sparql --data "$t/samples.ttl" --query "$q"
	check tdb "$Q/$name.tsv" "$name.rq, TDB2 union default graph over N-Quads" \
		jena tdb2.tdbquery --loc "$t/tdb" --set tdb:unionDefaultGraph=true --query "$q"
	n=$((n + 1))
done
for q in "$Q"/named-graphs/*.rq; do
	name=$(basename "$q" .rq)
	check named "$Q/$name.tsv" "named-graphs/$name.rq, ARQ over N-Quads" \
		jena arq.sparql --data "$t/samples.nq" --query "$q"
	n=$((n + 1))
done
[ $n -ge 6 ] || fail "only $n queries"

# A store loads newsgraph's gzipped N-Quads (-o FILE.nq.gz) as they are.
"$NG_BIN" extract -f nquads "$NG_SRCDIR"/samples/*.txt -o "$t/samples.nq.gz" || fail "extract -o .nq.gz"
jena tdb2.tdbloader --loc "$t/tdbgz" "$t/samples.nq.gz" > "$t/loadgz.log" 2>&1 ||
	{ cat "$t/loadgz.log" >&2; fail "TDB2 does not load the gzipped N-Quads"; }
check tdbgz "$Q/met-with.tsv" "met-with.rq, TDB2 over gzipped N-Quads" \
	jena tdb2.tdbquery --loc "$t/tdbgz" --set tdb:unionDefaultGraph=true --query "$Q/met-with.rq"
echo "jena: $n queries give the expected results in ARQ and TDB2"
