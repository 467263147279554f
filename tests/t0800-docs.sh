#!/bin/sh
# t0800-docs: the documentation a user reads stays true to the program.
# The man pages pass `mandoc -Tlint` (SPEC 11), STYLE included; every command `folio
# --help` lists has its page; every variable the built-in templates use
# is documented in folio-export(1) (issue 5); the README's map of cli/
# names every file there.
. "$(dirname "$0")/lib.sh"

if command -v mandoc >/dev/null 2>&1; then
test_expect_success 'mandoc -Tlint: no warning in any man page' '
	: >lint &&
	for m in "$SRC"/man/*.[0-9]; do
		mandoc -Tlint -W warning "$m" >>lint 2>&1
	done &&
	test_cmp /dev/null lint
'

# SPEC 11 says `mandoc -Tlint`, whose default level includes STYLE (a
# line over 80 bytes, a delimiter glued to a macro argument); run from
# man/, where the pages' cross-references (.Xr) are found.
test_expect_success 'mandoc -Tlint at its default level: every page clean, exit 0' '
	(cd "$SRC/man" && for m in *.[0-9]; do
		mandoc -Tlint "$m" || echo "exit $? for $m"
	done) >lint 2>&1 &&
	test_cmp /dev/null lint
'
else
	test_skip 'mandoc -Tlint on the man pages' 'mandoc missing: make deps'
fi

test_expect_success 'every command of folio --help has its man page, and folio(1), folio(5) exist' '
	folio --help >help &&
	sed -n "/^commands:/,/^\$/p" help | sed -n "s/^  \\([a-z0-9]*\\) .*/\\1/p" >cmds &&
	test -s cmds &&
	for c in $(cat cmds); do
		test -f "$SRC/man/folio-$c.1" || { echo "no man/folio-$c.1"; return 1; }
		grep -q "^\\.Dt FOLIO-$(echo $c | tr a-z A-Z) 1" "$SRC/man/folio-$c.1" ||
			{ echo "man/folio-$c.1: no .Dt line"; return 1; }
	done &&
	test -f "$SRC/man/folio.1" && test -f "$SRC/man/folio.5"
'

test_expect_success 'every variable of the built-in templates is documented in folio-export(1)' '
	cat "$SRC"/cli/templates/*.html "$SRC"/cli/templates/*.xhtml |
		grep -o "{{[#^/{&]*[a-z_][a-z_.]*" | sed "s/^{{[#^/{&]*//" |
		tr . "\n" | LC_ALL=C sort -u >used &&
	test -s used &&
	grep -E "^\.(It )?Ic " "$SRC/man/folio-export.1" | tr " ," "\n\n" |
		grep -E "^[a-z_]+\$" | LC_ALL=C sort -u >documented &&
	LC_ALL=C comm -23 used documented >undocumented &&
	test_cmp /dev/null undocumented
'

test_expect_success 'the README map of cli/ names every file there' '
	: >unmapped &&
	for f in "$SRC"/cli/*.c "$SRC"/cli/*.h; do
		b=$(basename "$f") && stem=${b%.*} &&
		grep -q -F -e "\`$b\`" -e "\`$stem.[ch]\`" "$SRC/README.md" ||
			echo "$b" >>unmapped
	done &&
	test_cmp /dev/null unmapped
'

test_done
