#!/bin/sh
# t0501-export-html-content: what a page says (SPEC 8.1, 8.2) on
# tests/corpora/export-links: article links in the page's language or the
# original's, "also available in" with the catalog's list joins, the stale
# notice, further reading with title fallbacks, the update line, the
# acknowledgements, catalog fallbacks, relative URLs without base_url, the
# index by section and title, and drafts.
. "$(dirname "$0")/lib.sh"

CORPUS="$SRC/tests/corpora/export-links"

# Export the corpus into ./o (extra options in "$@").
export_links() {
	cp -R "$CORPUS" corpus &&
	(cd corpus && folio export --to html -q -o ../o "$@")
}

# The no-break spaces of French typography, made visible.
NNBSP=$(printf '\342\200\257')
NBSP=$(printf '\302\240')
UUML=$(printf '\303\274')	# u with diaeresis
marks() {
	sed -e "s/$NNBSP/[NNBSP]/g" -e "s/$NBSP/[NBSP]/g"
}

# lines FILE PATTERN: the lines of FILE matching PATTERN, marks shown.
lines() {
	grep -e "$2" "$1" | marks >actual
}

test_expect_success 'the pages: drafts skipped, one page per publishable article' '
	cp -R "$CORPUS" corpus &&
	(cd corpus && folio export --to html -o ../o 2>../err); echo $? >status &&
	expect_status 0 &&
	(cd o && find . -type f ! -name ".folio-manifest-*" | LC_ALL=C sort) >actual &&
	cat >expect <<-\EOF &&
	./ar/alpha.html
	./ar/index.html
	./de/alpha.html
	./de/index.html
	./en/alpha.html
	./en/beta-en.html
	./en/index.html
	./fr/alpha.html
	./fr/beta.html
	./fr/gamma.html
	./fr/index.html
	./style.css
	EOF
	test_cmp expect actual
'

test_expect_success 'article: links go to the same language, else to the original with hreflang' '
	export_links &&
	lines o/en/alpha.html "^<p>See" &&
	cat >expect <<-\EOF &&
	<p>See <a href="beta-en.html">beta</a> and <a href="../fr/gamma.html#detail" hreflang="fr">gamma</a>.</p>
	EOF
	test_cmp expect actual &&
	lines o/fr/alpha.html "^<p>Voir" &&
	cat >expect <<-\EOF &&
	<p>Voir <a href="beta.html">bêta</a> et <a href="gamma.html#detail">gamma</a>, et «[NBSP]vraiment[NBSP]» à 14:30.</p>
	EOF
	test_cmp expect actual
'

test_expect_success 'also available in: named in the page language, linked, joined by list_sep and list_pair' '
	export_links &&
	lines o/en/alpha.html "class=\"versions\"" &&
	cat >expect <<-\EOF &&
	<p class="versions">Also available in <a href="../fr/alpha.html" hreflang="fr">French</a>, <a href="../de/alpha.html" hreflang="de">German</a> and <a href="../ar/alpha.html" hreflang="ar">Arabic</a></p>
	EOF
	test_cmp expect actual &&
	lines o/ar/alpha.html "class=\"versions\"" &&
	cat >expect <<-\EOF &&
	<p class="versions">متوفر أيضًا باللغات التالية: <a href="../fr/alpha.html" hreflang="fr">الفرنسية</a>، <a href="../en/alpha.html" hreflang="en">الإنجليزية</a> و<a href="../de/alpha.html" hreflang="de">الألمانية</a></p>
	EOF
	test_cmp expect actual &&
	lines o/fr/beta.html "class=\"versions\"" &&
	cat >expect <<-\EOF &&
	<p class="versions">Également disponible en <a href="../en/beta-en.html" hreflang="en">anglais</a></p>
	EOF
	test_cmp expect actual &&
	! grep -q "class=\"versions\"" o/fr/gamma.html
'

test_expect_success 'a stale translation says so and links to the original; a current one does not' '
	export_links &&
	lines o/de/alpha.html "class=\"stale\"" &&
	cat >expect <<-\EOF &&
	<p class="stale" role="note">Cette traduction ne reflète peut-être pas la dernière mise à jour du texte original. <a href="../fr/alpha.html" hreflang="fr">Lire la version originale</a></p>
	EOF
	test_cmp expect actual &&
	! grep -q "class=\"stale\"" o/en/alpha.html &&
	! grep -q "class=\"stale\"" o/fr/alpha.html
'

test_expect_success 'further reading: titles in the page language, else the original marked with lang (and dir)' '
	export_links &&
	sed -n "/class=\"related\"/,/<\/section>/p" o/en/alpha.html >actual &&
	cat >expect <<-\EOF &&
	<section class="related">
	<h2>Pour aller plus loin</h2>
	<ul>
	<li><a href="beta-en.html">Beta</a></li>
	<li><a href="../fr/gamma.html" hreflang="fr" lang="fr">Gamma, sans rubrique</a></li>
	</ul>
	</section>
	EOF
	test_cmp expect actual &&
	lines o/ar/alpha.html "<li><a" &&
	cat >expect <<-\EOF &&
	<li><a href="../fr/beta.html" hreflang="fr" lang="fr" dir="ltr">Bêta</a></li>
	<li><a href="../fr/gamma.html" hreflang="fr" lang="fr" dir="ltr">Gamma, sans rubrique</a></li>
	EOF
	test_cmp expect actual
'

test_expect_success 'the update line: month names from the catalog, a <time> element' '
	export_links &&
	for p in fr/alpha en/alpha ar/alpha de/alpha; do
		grep "class=\"updated\"" o/$p.html || return 1
	done | marks >actual &&
	cat >expect <<-\EOF &&
	<p class="updated">Date de mise à jour du texte[NBSP]: <time datetime="2024-03-12">mars 2024</time></p>
	<p class="updated">Last updated: <time datetime="2024-04">April 2024</time></p>
	<p class="updated">تاريخ آخر تحديث للنص: <time datetime="2024-05">مايو 2024</time></p>
	<p class="updated">Date de mise à jour du texte[NBSP]: <time datetime="2024-02">février 2024</time></p>
	EOF
	test_cmp expect actual
'

test_expect_success 'acknowledgements: one thanks line per reviewer; translators joined' '
	export_links &&
	sed -n "/class=\"acknowledgements\"/,/<\/section>/p" o/fr/alpha.html >actual &&
	cat >expect <<-\EOF &&
	<section class="acknowledgements">
	<h2>Remerciements</h2>
	<p>Merci à Dr Jeanne Exemple, oncologue (Hôpital de démonstration), pour sa collaboration à cet article.</p>
	<p>Merci à Prof. Paul Témoin, radiologue (Institut de démonstration), pour sa collaboration à cet article.</p>
	</section>
	EOF
	test_cmp expect actual &&
	lines o/en/alpha.html "class=\"translators\"" &&
	echo "<p class=\"translators\">Translated by Jane Sample, John Doe and Ann Other</p>" >expect &&
	test_cmp expect actual
'

test_expect_success 'thanks lines: each page its own reviewers, whatever came before' '
	make_corpus "fr en" &&
	for i in 1 2 3 4 5 6 7 8 9; do
		mkdir -p a$i &&
		{
			printf -- "---\nid: a$i\nlang: fr\ntitle: T$i\nupdated: 2024-01\nreviewers:\n" &&
			r=1 &&
			while [ $r -le $((i % 4 + 1)) ]; do
				printf "  - name: Dr R%s\n    role: role%s\n" \
					$(((i + r) % 3)) $(((i * r) % 4)) &&
				r=$((r + 1)) || return 1
			done &&
			printf -- "---\nTexte.\n"
		} >a$i/fr.md || return 1
	done &&
	folio export --to html -q -j 1 -o one &&
	folio export --to html -q -j 3 -o three &&
	diff -r one three &&
	for i in 1 2 3 4 5 6 7 8 9; do
		sed -n "s/^  - name: \(.*\)/\1/p; s/^    role: \(.*\)/\1/p" a$i/fr.md |
			paste -d "|" - - |
			sed "s/^\(.*\)|\(.*\)$/<p>Thanks to \1, \2, for reviewing this article.<\/p>/" >expect &&
		grep "^<p>Thanks to" one/fr/a$i.html >actual &&
		test_cmp expect actual || return 1
	done
'

test_expect_success 'a reviewer without role or affiliation: the sentence closes up' '
	export_links &&
	lines o/fr/gamma.html "^<p>Merci" &&
	cat >expect <<-\EOF &&
	<p>Merci à Dr Jeanne Exemple pour sa collaboration à cet article.</p>
	<p>Merci à Prof. Paul Témoin (Institut de démonstration) pour sa collaboration à cet article.</p>
	<p>Merci à Dr Ana Modèle, radiologue, pour sa collaboration à cet article.</p>
	EOF
	test_cmp expect actual
'

test_expect_success 'right to left: names isolated with <bdi> in catalog sentences' '
	export_links &&
	lines o/ar/alpha.html "<bdi>" &&
	cat >expect <<-\EOF &&
	<p>نشكر <bdi>Dr Jeanne Exemple</bdi>، <bdi>طبيبة أورام</bdi> (<bdi>Hôpital de démonstration</bdi>)، على المساهمة في إعداد هذا المقال.</p>
	<p class="translators">ترجمة: <bdi>Layla Mithal</bdi></p>
	EOF
	test_cmp expect actual
'

test_expect_success 'a key missing from a catalog comes from the source language catalog' '
	export_links &&
	grep -q "<h2>Pour aller plus loin</h2>" o/en/alpha.html &&
	grep -q "<p class=\"section\">Guides pratiques</p>" o/en/alpha.html &&
	grep -q "<h2>Remerciements</h2>" o/de/alpha.html
'

test_expect_success 'without base_url: canonical and alternates are relative' '
	export_links &&
	grep -e "canonical" -e "alternate" o/en/alpha.html >actual &&
	cat >expect <<-\EOF &&
	<link rel="canonical" href="alpha.html">
	<link rel="alternate" hreflang="fr" href="../fr/alpha.html">
	<link rel="alternate" hreflang="en" href="alpha.html">
	<link rel="alternate" hreflang="de" href="../de/alpha.html">
	<link rel="alternate" hreflang="ar" href="../ar/alpha.html">
	<link rel="alternate" hreflang="x-default" href="../fr/alpha.html">
	EOF
	test_cmp expect actual &&
	! grep -q "\"url\":" o/en/alpha.html
'

test_expect_success 'a slug and a base_url that need escaping: every link to the page escaped alike' '
	cp -R "$CORPUS" corpus &&
	printf "base_url: \"https://soins.example.org/a&b/\"\n" >>corpus/folio.yaml &&
	sed "s/^lang: de/lang: de\nslug: \"${UUML}ber_alpha\"/" corpus/alpha/de.md >de.md &&
	mv de.md corpus/alpha/de.md &&
	(cd corpus && folio export --to html -q -o ../o) &&
	test -f "o/de/${UUML}ber_alpha.html" &&
	grep -e "canonical" -e "hreflang=\"de\"" o/de/*ber_alpha.html >actual &&
	cat >expect <<-\EOF &&
	<link rel="canonical" href="https://soins.example.org/a&amp;b/de/%C3%BCber_alpha.html">
	<link rel="alternate" hreflang="de" href="https://soins.example.org/a&amp;b/de/%C3%BCber_alpha.html">
	EOF
	test_cmp expect actual &&
	grep -o "<link rel=\"alternate\" hreflang=\"de\"[^>]*>" o/fr/alpha.html >actual &&
	cat >expect <<-\EOF &&
	<link rel="alternate" hreflang="de" href="https://soins.example.org/a&amp;b/de/%C3%BCber_alpha.html">
	EOF
	test_cmp expect actual &&
	grep -o "<a href=\"[^\"]*\" hreflang=\"de\">" o/fr/alpha.html >actual &&
	echo "<a href=\"../de/%C3%BCber_alpha.html\" hreflang=\"de\">" >expect &&
	test_cmp expect actual
'

test_expect_success 'headings get ids; three sections make a table of contents' '
	export_links &&
	grep -e "<h2 id=" -e "<li><a href=\"#" o/fr/alpha.html >actual &&
	cat >expect <<-\EOF &&
	<li><a href="#premiere-partie">Première partie</a></li>
	<li><a href="#deuxieme-partie">Deuxième partie</a></li>
	<li><a href="#troisieme-partie">Troisième partie</a></li>
	<h2 id="premiere-partie">Première partie</h2>
	<h2 id="deuxieme-partie">Deuxième partie</h2>
	<h2 id="troisieme-partie">Troisième partie</h2>
	EOF
	test_cmp expect actual &&
	! grep -q "class=\"toc\"" o/fr/gamma.html
'

test_expect_success 'sources: links escaped, a source without URL as text' '
	export_links &&
	sed -n "/class=\"sources\"/,/<\/section>/p" o/fr/alpha.html >actual &&
	cat >expect <<-\EOF &&
	<section class="sources">
	<h2>Liens</h2>
	<ul>
	<li><a href="https://www.example.org/source?a=1&amp;b=2">Une source</a></li>
	<li>Une source sans adresse</li>
	</ul>
	</section>
	EOF
	test_cmp expect actual
'

test_expect_success 'the index: sections in the catalog order, then titles; no section last' '
	export_links --include-drafts &&
	sed -n "/<main/,/<\/main>/p" o/fr/index.html | marks >actual &&
	cat >expect <<-\EOF &&
	<main class="index">
	<h1>Articles</h1>
	<section>
	<h2>Guides pratiques</h2>
	<ul class="articles">
	<li><a href="alpha.html">Alpha[NBSP]: le premier article</a><p>Un article qui renvoie vers les autres.</p></li>
	<li><a href="beta.html">Bêta</a><p>Le deuxième article.</p></li>
	</ul>
	</section>
	<section>
	<h2>Espace patients</h2>
	<ul class="articles">
	<li><a href="delta.html">Delta, un brouillon</a></li>
	</ul>
	</section>
	<div class="unsorted">
	<ul class="articles">
	<li><a href="gamma.html">Gamma, sans rubrique</a></li>
	</ul>
	</div>
	</main>
	EOF
	test_cmp expect actual
'

test_expect_success 'the index: a menu of the languages in their own names' '
	export_links &&
	sed -n "/<nav class=\"languages\">/,/<\/nav>/p" o/en/index.html >actual &&
	cat >expect <<-\EOF &&
	<nav class="languages">
	<ul>
	<li><a href="../fr/index.html" hreflang="fr" lang="fr" dir="ltr">français</a></li>
	<li><span lang="en" dir="ltr" aria-current="page">English</span></li>
	<li><a href="../de/index.html" hreflang="de" lang="fr" dir="ltr">allemand</a></li>
	<li><a href="../ar/index.html" hreflang="ar" lang="ar" dir="rtl">العربية</a></li>
	</ul>
	</nav>
	EOF
	test_cmp expect actual
'

test_expect_success '--include-drafts: the draft is exported too' '
	export_links --include-drafts &&
	test -f o/fr/delta.html
'

test_expect_success 'a draft is not linked to unless drafts are exported' '
	cp -R "$CORPUS" corpus &&
	printf "\nVoir [delta](article:delta).\n" >>corpus/beta/fr.md &&
	(cd corpus && folio export --to html -q -o ../o && folio export --to html -q -o ../d --include-drafts) &&
	grep -q "^<p>Voir delta.</p>$" o/fr/beta.html &&
	grep -q "^<p>Voir <a href=\"delta.html\">delta</a>.</p>$" d/fr/beta.html
'

test_expect_success 'the Nu HTML checker finds no error, drafts included' '
	vnu="$SRC/node_modules/vnu-jar/build/dist/vnu.jar" &&
	if ! [ -f "$vnu" ] || ! command -v java >/dev/null; then exit 0; fi &&
	export_links --include-drafts &&
	java -jar "$vnu" --errors-only $(find o -name "*.html" | LC_ALL=C sort) >vnu.out 2>&1 ||
	{ cat vnu.out; false; }
'
[ -f "$SRC/node_modules/vnu-jar/build/dist/vnu.jar" ] && command -v java >/dev/null ||
	test_skip 'vnu on tests/corpora/export-links' 'vnu-jar not installed: make deps'

test_done
