#!/bin/sh
# t1103 - exports that real clients read (SPEC 14): the OASIS schemas of
# XLIFF 1.2 (strict) and 2.0 through xmllint, offline, and translate-
# toolkit's xliff2po.  `make deps` puts the schemas in tests/xsd/ (from
# Debian's php-symfony-translation); without them or the tools the cases
# are skipped with the reason.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/xliff-lib.sh"

XSD=${FOLIO_XSD_DIR:-$SRC/tests/xsd}

# The exports to check: the sample corpus in every language (translations
# current, stale, missing), in both versions.
exports() {
	cp -r "$SRC/articles" c &&
	for l in nl en de ar tr; do
		folio -C c xliff export --lang $l -o "$PWD/x12" >stdout 2>err &&
		folio -C c xliff export --lang $l --xliff 2.0 -o "$PWD/x20" >stdout 2>err ||
		return 1
	done &&
	grep -q "needs-review-translation\|state=\"translated\"" x12/*/*.xlf
}

# The schemas, with the W3C xml.xsd they import found offline: a catalog
# for the 1.2 one, the relative path the 2.0 one names.
schemas() {
	mkdir -p xsd/informativeCopiesOf3rdPartySchemas/w3c &&
	cp "$XSD"/xliff-core-1.2-strict.xsd "$XSD"/xliff-core-2.0.xsd "$XSD"/xml.xsd xsd/ &&
	cp "$XSD"/xml.xsd xsd/informativeCopiesOf3rdPartySchemas/w3c/ &&
	cat >catalog.xml <<-EOF
	<?xml version="1.0"?>
	<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
	  <system systemId="http://www.w3.org/2001/xml.xsd" uri="file://$PWD/xsd/xml.xsd"/>
	  <uri name="http://www.w3.org/2001/xml.xsd" uri="file://$PWD/xsd/xml.xsd"/>
	</catalog>
	EOF
}

if ! command -v xmllint >/dev/null 2>&1; then
	test_skip 'exports validate against the OASIS schemas' 'xmllint not installed'
elif [ ! -f "$XSD/xliff-core-1.2-strict.xsd" ] || [ ! -f "$XSD/xliff-core-2.0.xsd" ] ||
     [ ! -f "$XSD/xml.xsd" ]; then
	test_skip 'exports validate against the OASIS schemas' "no schemas in $XSD: run make deps"
else
	test_expect_success 'every export validates: XLIFF 1.2 strict and 2.0 core' '
		exports &&
		schemas &&
		for f in x12/*/*.xlf; do
			XML_CATALOG_FILES=$PWD/catalog.xml xmllint --nonet --noout \
				--schema xsd/xliff-core-1.2-strict.xsd $f 2>>lint.err || {
				cat lint.err; return 1; }
		done &&
		for f in x20/*/*.xlf; do
			xmllint --nonet --noout --schema xsd/xliff-core-2.0.xsd $f \
				2>>lint.err || { cat lint.err; return 1; }
		done &&
		test $(grep -c " validates\$" lint.err) = $(ls x12/*/*.xlf x20/*/*.xlf | wc -l)
	'

	test_expect_success 'every inline construct, targets and notes validate too' '
		make_corpus "fr en" &&
		write_article a/fr.md <<-\EOF &&
		---
		id: a
		lang: fr
		title: T
		updated: 2024-01
		status: published
		reviewers:
		  - name: X
		---

		Du *texte*, **gras**, `code`, [lien](https://example.org/l "Titre"),
		![image](i.png), coupure  
		<https://example.org/a>, ~~barré~~, <b>html</b> & [*imbriqué*](article:a).

		| A | B |
		|---|---|
		| `c` | d |
		EOF
		sed -e "s/lang: fr/lang: en/" -e "s/^updated: 2024-01/updated: 2024-01\\ntranslated_from: {lang: fr, updated: 2023-01}/" a/fr.md >a/en.md &&
		folio xliff export --lang en -o x12 >stdout 2>err &&
		folio xliff export --lang en --xliff 2.0 -o x20 >stdout 2>err &&
		grep -q "<note" x12/en/a.xlf &&
		grep -q "<note" x20/en/a.xlf &&
		schemas &&
		XML_CATALOG_FILES=$PWD/catalog.xml xmllint --nonet --noout \
			--schema xsd/xliff-core-1.2-strict.xsd x12/en/a.xlf 2>lint.err &&
		xmllint --nonet --noout --schema xsd/xliff-core-2.0.xsd x20/en/a.xlf 2>>lint.err &&
		test $(grep -c " validates\$" lint.err) = 2
	'
fi

if ! command -v xliff2po >/dev/null 2>&1; then
	test_skip 'xliff2po reads the 1.2 exports' 'translate-toolkit not installed'
else
	test_expect_success 'xliff2po reads the 1.2 exports: sources and targets' '
		exports &&
		for f in x12/*/*.xlf; do
			xliff2po --progress=none $f ${f%.xlf}.po >po.out 2>&1 || {
				cat po.out; return 1; }
		done &&
		grep -q "^msgid \"Comment le cancer réagit-il face aux immunothérapies ?\"" \
			x12/en/immunotherapie-reponse.po &&
		grep -q "^msgstr \"How does cancer respond to immunotherapy?\"" \
			x12/en/immunotherapie-reponse.po
	'
fi

test_done
