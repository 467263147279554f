#!/bin/sh
# t0163-validate-file-names: a file named like an article in another case
# (en.MD) or with another extension (fr.markdown) is not read: validate
# says so for each, instead of leaving the translator puzzled.
. "$(dirname "$0")/lib.sh"

corpus() {
	make_corpus "fr en" && add_catalogs fr en &&
	write_article a/fr.md <<-\EOF &&
	---
	id: a
	lang: fr
	title: Titre
	updated: 2024-01
	status: draft
	---
	Un paragraphe.
	EOF
	mkdir m _base .hidden &&
	cp a/fr.md m/en.MD && cp a/fr.md m/fr.markdown && cp a/fr.md m/de.Md &&
	cp a/fr.md _base/x.MD && cp a/fr.md .hidden/y.markdown &&
	echo note >a/notes.txt
}

test_expect_success 'each such file is a warning; _ and . directories are not searched' '
	corpus &&
	{ folio validate >actual 2>err; echo $? >status; } &&
	expect_status 0 &&
	cat >expect <<-\EOF &&
	m/de.Md: warning: not read as an article: only a name ending in '\''.md'\'' (lowercase) is one, got '\''de.Md'\'' [path-mismatch]
	m/en.MD: warning: not read as an article: only a name ending in '\''.md'\'' (lowercase) is one, got '\''en.MD'\'' [path-mismatch]
	m/fr.markdown: warning: not read as an article: only a name ending in '\''.md'\'' (lowercase) is one, got '\''fr.markdown'\'' [path-mismatch]
	EOF
	test_cmp expect actual &&
	echo "folio: 0 errors, 3 warnings in 4 files" >expect &&
	test_cmp expect err
'

test_expect_success 'from a subdirectory, the paths are relative to it; --strict fails' '
	corpus &&
	(cd m && folio validate --strict >../actual 2>../err; echo $? >../status) &&
	expect_status 1 &&
	grep -F "en.MD: warning: not read as an article" actual &&
	! grep -F "m/en.MD" actual
'

test_expect_success 'a PATH that leaves articles out does not ask about the rest' '
	corpus &&
	write_article b/fr.md <a/fr.md &&
	sed "s/^id: a/id: b/" b/fr.md >t && mv t b/fr.md &&
	{ folio validate a/fr.md >actual 2>err; echo $? >status; } &&
	expect_status 0 &&
	! grep -q "not read as an article" actual
'

test_done
