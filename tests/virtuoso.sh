#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# SPARQL round trip through a real store: start a throwaway Virtuoso bound
# to 127.0.0.1 on a free port (database and DirsAllowed in a temporary
# directory), load the Turtle and the N-Quads of samples/*.txt with
# DB.DBA.TTLP_MT, run samples/queries/*.rq through isql and compare the
# canonical results with the same expected files that tests/sparql.sh uses.
# The server is always killed by its process ID. Skipped (77) without
# Virtuoso (Debian: apt-get install virtuoso-opensource-7-bin).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
: "${NG_SRCDIR:=$(dirname "$here")}"
: "${NG_BIN:=./src/newsgraph}"
VIRTUOSO=$(command -v virtuoso-t || true)
ISQL=$(command -v isql-vt || command -v isql-v || true)
if [ -z "$VIRTUOSO" ] || [ -z "$ISQL" ]; then
	echo "virtuoso: SKIP: virtuoso-t or isql-vt not found (apt-get install virtuoso-opensource-7-bin)"
	exit 77
fi
t=$(mktemp -d)
pid=
stop_server() {
	if [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null; then
		kill "$pid" 2> /dev/null || true
		i=0
		while kill -0 "$pid" 2> /dev/null && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
		kill -9 "$pid" 2> /dev/null || true
		wait "$pid" 2> /dev/null || true
	fi
	pid=
}
cleanup() { stop_server; rm -rf "$t"; }
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
fail() {
	echo "FAIL: $*" >&2
	[ -f "$t/virtuoso.log" ] && tail -20 "$t/virtuoso.log" >&2
	exit 1
}

# A free port on the loopback interface (the kernel picks it).
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Runs SQL from standard input; fails on any isql error line, since isql
# exits 0 even when a statement fails.
isql() {
	timeout 120 "$ISQL" "127.0.0.1:$port" dba dba VERBOSE=OFF BANNER=OFF PROMPT=OFF ECHO=OFF \
		> "$t/isql.out" 2>&1 || { cat "$t/isql.out" >&2; fail "isql failed or timed out"; }
	if grep -q -E '^\*\*\* Error|Error [0-9A-Z]{5}:|^\*\*\* Warning' "$t/isql.out"; then
		cat "$t/isql.out" >&2
		fail "isql reported an error"
	fi
	cat "$t/isql.out"
}

"$NG_BIN" extract "$NG_SRCDIR"/samples/*.txt -o "$t/samples.ttl" || fail "extract samples"
"$NG_BIN" extract -f nquads "$NG_SRCDIR"/samples/*.txt -o "$t/samples.nq" || fail "extract nquads"

tries=0
while :; do
	port=$(free_port)
	cat > "$t/virtuoso.ini" <<INI
[Database]
DatabaseFile = $t/db/virtuoso.db
ErrorLogFile = $t/virtuoso.log
LockFile = $t/db/virtuoso.lck
TransactionFile = $t/db/virtuoso.trx
xa_persistent_file = $t/db/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = $t/db/virtuoso-temp.db
TransactionFile = $t/db/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:$port
ServerThreads = 4
CheckpointInterval = 0
NumberOfBuffers = 4000
MaxDirtyBuffers = 3000
DirsAllowed = $t
CaseMode = 2
MaxQueryMem = 200M

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
INI
	rm -rf "$t/db" && mkdir "$t/db"
	"$VIRTUOSO" -f -c "$t/virtuoso.ini" > "$t/server.out" 2>&1 &
	pid=$!
	# Bounded wait: 60 s for the server to answer.
	i=0
	while [ $i -lt 120 ]; do
		kill -0 "$pid" 2> /dev/null || break
		if timeout 10 "$ISQL" "127.0.0.1:$port" dba dba VERBOSE=OFF BANNER=OFF PROMPT=OFF \
			ECHO=OFF exec='select 1;' > /dev/null 2>&1; then
			break
		fi
		sleep 0.5
		i=$((i + 1))
	done
	if kill -0 "$pid" 2> /dev/null && [ $i -lt 120 ]; then
		break
	fi
	stop_server
	tries=$((tries + 1))
	# The port may have been taken between the check and the start.
	[ $tries -lt 3 ] || { cat "$t/server.out" >&2; fail "Virtuoso did not start"; }
done
echo "virtuoso: server $pid on 127.0.0.1:$port"

isql > /dev/null <<SQL
DB.DBA.TTLP_MT(file_to_string_output('$t/samples.ttl'), '', 'urn:newsgraph:samples', 0);
DB.DBA.TTLP_MT(file_to_string_output('$t/samples.nq'), '', 'urn:newsgraph:nquads', 512);
checkpoint;
SQL

# Both loads hold every distinct triple or quad that rapper reads (a store
# keeps a set: a statement written twice is stored once).
distinct() { rapper -q -i "$1" -o nquads "$2" | LC_ALL=C sort -u | wc -l | tr -d ' '; }
want=$(distinct turtle "$t/samples.ttl")
got=$(echo "SPARQL SELECT COUNT(*) FROM <urn:newsgraph:samples> WHERE { ?s ?p ?o };" | isql | tr -d ' ' | grep -E '^[0-9]+$' | head -1)
[ "$want" = "$got" ] || fail "Turtle load: $got triples in Virtuoso, rapper reads $want"
got=$(echo "SPARQL SELECT COUNT(*) WHERE { GRAPH ?g { ?s ?p ?o } FILTER (?g != <urn:newsgraph:samples> && STRSTARTS(STR(?g), 'https://w3id.org/newsgraph/id/')) };" | isql | tr -d ' ' | grep -E '^[0-9]+$' | head -1)
want=$(distinct nquads "$t/samples.nq")
[ "$want" = "$got" ] || fail "N-Quads load: $got quads in Virtuoso, rapper reads $want"

# query Q DEFINES WHAT [SET]: runs samples/queries/Q.rq with the Virtuoso
# DEFINES and compares its canonical results (as a set if SET is given)
# with the expected NAME.tsv.
query() {
	q_name=$(basename "$1" .rq)
	body=$(grep -v '^[[:space:]]*#' "$NG_SRCDIR/samples/queries/$1" | tr '\n' ' ')
	printf 'set blobs on;\nSPARQL define output:format "JSON" %s %s;\n' "$2" "$body" |
		isql > "$t/$q_name.out"
	sed -n '/^[[:space:]]*{/,$p' "$t/$q_name.out" > "$t/$q_name.json"
	python3 "$NG_SRCDIR/tests/sparql-canon" "$t/$q_name.json" > "$t/$q_name.tsv" ||
		{ cat "$t/$q_name.out" >&2; fail "cannot read Virtuoso's results of $1"; }
	if [ -n "$4" ]; then
		# Virtuoso 7.2.9 can give a row of a SELECT DISTINCT twice when
		# the default graph is several graphs (met-with.rq, its OPTIONAL
		# last): compared as sets there.
		uniq "$t/$q_name.tsv" > "$t/$q_name.set"
		mv "$t/$q_name.set" "$t/$q_name.tsv"
	fi
	diff -u "$NG_SRCDIR/samples/queries/$q_name.tsv" "$t/$q_name.tsv" >&2 ||
		fail "$1 ($3): Virtuoso's results differ from $q_name.tsv"
	n=$((n + 1))
}

# The queries over the Turtle load's graph, as roqet runs them over the
# Turtle file; then, that graph dropped, over the N-Quads with no default
# graph given, where Virtuoso's default graph is the union of all graphs;
# and the named-graphs form over the N-Quads.
n=0
for q in "$NG_SRCDIR"/samples/queries/*.rq; do
	query "$(basename "$q")" 'define input:default-graph-uri <urn:newsgraph:samples>' Turtle ""
done
echo "SPARQL CLEAR GRAPH <urn:newsgraph:samples>;" | isql > /dev/null
graphs=$(awk '{print $(NF-1)}' "$t/samples.nq" | sort -u | sed 's/^/define input:default-graph-uri /' |
	tr '\n' ' ')
for q in "$NG_SRCDIR"/samples/queries/*.rq; do
	query "$(basename "$q")" "$graphs" "N-Quads, their graphs as the default graph" set
done
for q in "$NG_SRCDIR"/samples/queries/named-graphs/*.rq; do
	query "named-graphs/$(basename "$q")" '' "N-Quads, named graphs" set
done
stop_server
echo "virtuoso: $n queries passed; server stopped"
