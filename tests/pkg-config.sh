#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# newsgraph.pc: pkg-config gives what a program needs to build against
# libnewsgraph. A program built with its flags (pointed at the build tree)
# analyses an article through the installed API and writes its RDF.
set -eu
: "${NG_BUILDDIR:?}" "${NG_SRCDIR:?}"
if ! command -v pkg-config > /dev/null 2>&1 || ! command -v cc > /dev/null 2>&1; then
	echo "pkg-config: SKIP: pkg-config or cc not found"
	exit 77
fi
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
pc="$NG_BUILDDIR/newsgraph.pc"
[ -f "$pc" ] || fail "no newsgraph.pc in the build tree"
PKG_CONFIG_PATH="$NG_BUILDDIR"; export PKG_CONFIG_PATH
pkg-config --validate newsgraph || fail "pkg-config rejects newsgraph.pc"
[ "$(pkg-config --modversion newsgraph)" = "$(sed -n 's/^Version: //p' "$pc")" ] || fail "version"
pkg-config --libs newsgraph | grep -q -- '-lnewsgraph' || fail "no -lnewsgraph"
flags=$(pkg-config --define-variable=includedir="$NG_SRCDIR/src" \
	--define-variable=libdir="$NG_BUILDDIR/src/.libs" --cflags --libs newsgraph)
cat > "$t/use.c" << 'C'
#include <newsgraph.h>
#include <stdio.h>
#include <string.h>

int
main(int argc, char **argv)
{
	static const char text[] = "Chile joined the OECD in 2010.";
	ng_knowledge *kb = ng_knowledge_new();
	ng_writer *w = ng_writer_new(NG_FORMAT_NTRIPLES, NULL, stdout);
	ng_doc *doc = NULL;

	if (argc < 2 || !kb || !w || ng_knowledge_load_dir(kb, argv[1]) || ng_knowledge_prepare(kb) ||
	    ng_doc_analyze(kb, text, strlen(text), NULL, &doc, NULL) ||
	    ng_writer_write_doc(w, doc) || ng_writer_finish(w))
		return 1;
	ng_doc_free(doc);
	ng_writer_free(w);
	ng_knowledge_free(kb);
	return 0;
}
C
# A sanitizer build's library needs the program built the same way.
san=
if grep -q -a __asan_init "$NG_BUILDDIR/src/.libs/libnewsgraph.so" 2> /dev/null; then
	san="-fsanitize=address,undefined"
fi
# shellcheck disable=SC2086
cc $san -o "$t/use" "$t/use.c" $flags || fail "cannot build against newsgraph.pc: $flags"
LD_LIBRARY_PATH="$NG_BUILDDIR/src/.libs" "$t/use" "$NG_SRCDIR/ontology" > "$t/out.nt" ||
	fail "the program failed"
grep -q 'ns#joined> <https://w3id.org/newsgraph/id/organization/oecd>' "$t/out.nt" ||
	fail "no fact from the library"
echo "pkg-config: a program built with newsgraph.pc's flags works"
