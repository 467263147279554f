#!/bin/sh
# t0562-export-jsonld-honest: the JSON-LD of an HTML page claims only what
# the frontmatter states (SPEC 8, 8.2): only `published` articles are
# exported unless --include-drafts (`review` ones included); lastReviewed
# only from a stated `reviewed:` date; no reviewedBy key without reviewers.
. "$(dirname "$0")/lib.sh"

# art PATH ID STATUS [KEY: VALUE]...
art() {
	art_path=$1 art_id=$2 art_status=$3
	shift 3
	mkdir -p "$(dirname "$art_path")" &&
	{
		printf -- '---\nid: %s\nlang: fr\ntitle: Titre %s\nupdated: 2024-01\nstatus: %s\n' \
			"$art_id" "$art_id" "$art_status" &&
		for line in "$@"; do printf '%s\n' "$line"; done &&
		printf -- '---\nTexte.\n'
	} >"$art_path"
}

corpus() {
	make_corpus "fr" &&
	art pub/fr.md pub published "reviewers:" "  - name: Dr Exemple" &&
	art dated/fr.md dated published "reviewed: 2024-05-12" "reviewers:" "  - name: Dr Exemple" &&
	art rev/fr.md rev review &&
	art draft/fr.md draft draft
}

test_expect_success 'status review is not exported by default, only published' '
	corpus &&
	folio export --to html -q 2>err; echo $? >status &&
	expect_status 0 &&
	(cd out/html/fr && ls) >actual &&
	printf "%s\n" dated.html index.html pub.html >expect &&
	test_cmp expect actual &&
	! grep -q "Titre rev" out/html/fr/index.html
'

test_expect_success 'with --include-drafts, review and draft pages: no empty reviewedBy' '
	corpus &&
	folio export --to html -q --include-drafts 2>err; echo $? >status &&
	expect_status 0 &&
	grep "application/ld+json" out/html/fr/rev.html >ld &&
	! grep -q reviewedBy ld &&
	! grep -q lastReviewed ld &&
	grep -q "\"dateModified\":\"2024-01\",\"audience\"" ld &&
	grep "application/ld+json" out/html/fr/draft.html >ld &&
	! grep -q reviewedBy ld
'

test_expect_success 'lastReviewed only from reviewed:, never from updated' '
	corpus &&
	folio export --to html -q 2>err; echo $? >status &&
	expect_status 0 &&
	grep "application/ld+json" out/html/fr/pub.html >ld &&
	! grep -q lastReviewed ld &&
	grep -q "\"reviewedBy\":\[{\"@type\":\"Person\",\"name\":\"Dr Exemple\"}\]" ld &&
	grep "application/ld+json" out/html/fr/dated.html >ld &&
	grep -q "\"dateModified\":\"2024-01\",\"lastReviewed\":\"2024-05-12\",\"reviewedBy\":" ld
'

test_expect_success 'reviewed: is a partial date and never in the future' '
	corpus &&
	art later/fr.md later published "reviewed: 2027-01" "reviewers:" "  - name: Dr Exemple" &&
	art bad/fr.md bad published "reviewed: mai 2024" "reviewers:" "  - name: Dr Exemple" &&
	folio validate >out 2>err; echo $? >status &&
	expect_status 1 &&
	grep "^later/fr.md:7:11: error: '"'"'reviewed'"'"' is in the future: '"'"'2027-01'"'"' (today is 2026-11-28) \[date-future\]$" out &&
	grep "^bad/fr.md:7:11: error: .*\[schema\]$" out
'

test_expect_success 'the Nu HTML checker finds no error in these pages' '
	vnu="$SRC/node_modules/vnu-jar/build/dist/vnu.jar" &&
	if ! [ -f "$vnu" ] || ! command -v java >/dev/null; then
		exit 0
	fi &&
	corpus &&
	folio export --to html -q --include-drafts &&
	java -jar "$vnu" --errors-only out/html/fr/*.html >vnu.out 2>&1 ||
	{ cat vnu.out; false; }
'

test_done
