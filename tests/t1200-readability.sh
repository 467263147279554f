#!/bin/sh
# folio readability (SPEC 15): what is measured, sentences and words, the
# scores and bands, the report formats, the comparison with the original.
. "$(dirname "$0")/lib.sh"

# art LANG ID [translated-from-lang]: an article's frontmatter on stdout
art() {
	printf -- '---\nid: %s\nlang: %s\ntitle: Un titre\nupdated: 2024-01\nstatus: draft\n' "$2" "$1"
	[ -n "${3:-}" ] && printf 'translated_from:\n  lang: %s\n  updated: 2024-01\n' "$3"
	printf -- '---\n'
}

# score FILE ARTICLE: the score of that article in a JSON report
score() {
	sed -n "s|.*\"file\":\"$2\".*\"score\":\\([0-9.]*\\).*|\\1|p" "$1"
}

test_expect_success 'counts two sentences, eight words, eleven syllables' '
	make_corpus "fr en" &&
	{ art fr a && echo "Le cancer est une maladie. Il se soigne."; } >a.md &&
	folio readability --format json >actual; echo $? >status &&
	expect_status 0 &&
	grep "\"sentences\":2,\"words\":8,\"syllables\":11,\"words_per_sentence\":4.0" actual &&
	grep "\"score\":100.0,\"band\":\"very-easy\"" actual
'

test_expect_success 'measures paragraphs, quotes and list items only; sentence rules' '
	make_corpus "fr en" &&
	{ art fr a && cat <<-\EOT; } >a.md &&
	Prenez 0,5 mg par jour, p. ex. le matin. Le Dr. Martin vous voit… Demain ? Oui !

	## Un titre de section avec beaucoup de mots qui ne comptent pas

	Voir `du code ici` et https://www.example.org/a.b pour plus.

	> Citation courte.

	- premier point
	- second point

	| a b c | d e f |
	| --- | --- |
	| g h i | j k l |

	```
	du code avec des mots. Et encore.
	```
	EOT
	folio readability --format json >actual &&
	grep "\"sentences\":8,\"words\":26," actual &&
	grep "\"longest\":\[{\"line\":8,\"words\":9},{\"line\":8,\"words\":5},{\"line\":12,\"words\":4}\]" actual
'

test_expect_success 'an apostrophe or a hyphen keeps one word; an entity is text' '
	make_corpus "fr en" &&
	{ art fr a && echo "L&#39;immunothérapie est peut-être aujourd’hui utile."; } >a.md &&
	folio readability --format json >actual &&
	grep "\"sentences\":1,\"words\":5," actual
'

test_expect_success 'Arabic: lengths, no score and no band' '
	make_corpus "fr ar" &&
	{ art ar a && echo "السرطان مرض في الخلايا. بعض الخلايا تنمو بسرعة؟ نعم."; } >a.md &&
	folio readability --format json >actual &&
	grep "\"lang\":\"ar\",\"sentences\":3,\"words\":9,\"syllables\":0,\"words_per_sentence\":3.0,\"score\":null,\"band\":null" actual &&
	folio readability >text &&
	grep "no score: lengths only" text
'

# easy and hard texts of the same subject in every language
easy_fr="Le cancer est une maladie des cellules. Des cellules se divisent trop vite. Elles forment une boule. On l’appelle une tumeur. Le médecin vous explique le traitement. Vous pouvez poser vos questions. Votre famille peut vous aider."
hard_fr="L’immunothérapie, qui vise à stimuler les mécanismes naturels de défense de l’organisme contre les cellules tumorales, constitue aujourd’hui une approche thérapeutique complémentaire de la chirurgie, de la radiothérapie et de la chimiothérapie conventionnelle, dont l’efficacité dépend notamment des caractéristiques moléculaires de la tumeur. Les inhibiteurs de points de contrôle immunitaire peuvent néanmoins entraîner des manifestations inflammatoires indésirables nécessitant une surveillance multidisciplinaire prolongée."
easy_en="Cancer is a disease of the cells. Some cells grow too fast. They make a lump. This lump is called a tumour. Your doctor will tell you about your care. You can ask questions. Your family can help you."
hard_en="Immunotherapy, which aims to stimulate the body’s natural defence mechanisms against malignant cells, constitutes a complementary therapeutic approach to surgery, radiotherapy and conventional chemotherapy, whose effectiveness depends particularly on the molecular characteristics of the tumour. Immune checkpoint inhibitors may nevertheless provoke undesirable inflammatory manifestations necessitating prolonged multidisciplinary monitoring."
easy_de="Krebs ist eine Krankheit der Zellen. Manche Zellen wachsen zu schnell. Sie bilden einen Knoten. Man nennt ihn Tumor. Ihr Arzt erklärt Ihnen die Behandlung. Sie können Fragen stellen. Ihre Familie kann Ihnen helfen."
hard_de="Die Immuntherapie, deren Ziel die Stimulierung der körpereigenen Abwehrmechanismen gegen bösartige Zellen ist, stellt heutzutage eine ergänzende therapeutische Vorgehensweise zur Operation, Strahlentherapie und konventionellen Chemotherapie dar, deren Wirksamkeit insbesondere von den molekularen Eigenschaften des Tumors abhängt. Immuncheckpoint-Inhibitoren können gleichwohl unerwünschte entzündliche Nebenwirkungen verursachen, die eine langfristige interdisziplinäre Überwachung erfordern."
easy_nl="Kanker is een ziekte van de cellen. Sommige cellen groeien te snel. Ze maken een bult. Die bult heet een tumor. Uw arts legt de behandeling uit. U mag vragen stellen. Uw familie kan u helpen."
hard_nl="Immunotherapie, die tot doel heeft de natuurlijke afweermechanismen van het lichaam tegen kwaadaardige cellen te stimuleren, vormt tegenwoordig een aanvullende therapeutische benadering naast chirurgie, radiotherapie en conventionele chemotherapie, waarvan de doeltreffendheid voornamelijk afhankelijk is van de moleculaire eigenschappen van de tumor. Immuuncheckpointremmers kunnen niettemin ongewenste ontstekingsreacties veroorzaken die een langdurige multidisciplinaire opvolging vereisen."
easy_tr="Kanser hücrelerin bir hastalığıdır. Bazı hücreler çok hızlı büyür. Bir yumru yaparlar. Buna tümör denir. Doktorunuz tedaviyi anlatır. Soru sorabilirsiniz. Aileniz size yardım edebilir."
hard_tr="Vücudun kötü huylu hücrelere karşı doğal savunma mekanizmalarını uyarmayı amaçlayan immünoterapi, günümüzde cerrahi, radyoterapi ve geleneksel kemoterapiye tamamlayıcı nitelikte terapötik bir yaklaşım oluşturmakta olup etkinliği özellikle tümörün moleküler özelliklerine bağlıdır. Bağışıklık kontrol noktası inhibitörleri bununla birlikte uzun süreli multidisipliner izlem gerektiren istenmeyen inflamatuvar yan etkilere yol açabilir."

for l in fr en de nl tr; do
	eval "easy=\$easy_$l hard=\$hard_$l"
	export easy hard l
	test_expect_success "$l: the easy text scores higher and bands easier than the hard one" '
		make_corpus "fr en de nl tr" &&
		{ art $l easy && echo "$easy"; } >easy.md &&
		{ art $l hard && echo "$hard"; } >hard.md &&
		folio readability --format json >actual &&
		e=$(score actual easy.md) && h=$(score actual hard.md) &&
		echo "$l easy $e hard $h" &&
		awk -v e="$e" -v h="$h" "BEGIN { exit !(e > h + 20) }" &&
		grep "\"file\":\"easy.md\".*\"band\":\"\(very-easy\|easy\|fairly-easy\|standard\)\"" actual &&
		grep "\"file\":\"hard.md\".*\"band\":\"\(difficult\|very-difficult\)\"" actual
	'
done

test_expect_success 'one sentence of one word: singular in the text and HTML reports' '
	make_corpus "fr en" &&
	{ art fr a && echo "Bonjour."; } >a.md &&
	{ folio readability >actual; echo $? >status; } &&
	expect_status 0 &&
	grep -x "  1 sentence, 1 word, 2 syllables, 1.0 words per sentence" actual &&
	grep -x "  longest: 1 word at line 8" actual &&
	{ folio readability --format html >actual; echo $? >status; } &&
	expect_status 0 &&
	grep -F "1 sentence, 1 word &#183; longest 1 word (line 8)" actual &&
	! grep -E "[^0-9]1 (words|sentences)[^ ]" actual
'

test_expect_success 'a translation two bands harder than its original is flagged' '
	make_corpus "fr en nl" &&
	{ art fr x && echo "$easy_fr"; } >fr.md &&
	{ art en x fr && echo "$hard_en"; } >en.md &&
	{ art nl x fr && echo "$easy_nl"; } >nl.md &&
	folio readability --format json >actual &&
	grep "\"file\":\"en.md\".*\"much_harder\":true" actual &&
	grep "\"file\":\"nl.md\".*\"much_harder\":false" actual &&
	grep "\"file\":\"fr.md\".*\"much_harder\":false" actual &&
	folio readability >text &&
	grep "^  much harder to read than its original fr.md (\(very-easy\|easy\|fairly-easy\))$" text &&
	grep "^3 articles, 1 much harder to read than its original$" text
'

test_expect_success '--lang and PATH restrict the report, the original is still compared' '
	make_corpus "fr en" &&
	mkdir x &&
	{ art fr x && echo "$easy_fr"; } >x/fr.md &&
	{ art en x fr && echo "$hard_en"; } >x/en.md &&
	folio readability --lang en --format json >actual &&
	grep -c "\"file\"" actual >count && echo 1 >one && test_cmp one count &&
	grep "\"file\":\"x/en.md\".*\"much_harder\":true" actual &&
	folio readability --format json x/fr.md >actual2 &&
	grep "\"file\":\"x/fr.md\"" actual2 && ! grep "x/en.md" actual2
'

test_expect_success 'an unknown --lang and a bad --format are usage errors' '
	make_corpus "fr en" &&
	folio readability --lang xx >out 2>err; echo $? >status &&
	expect_status 2 && grep "not one of the languages" err &&
	folio readability --format github >out 2>err; echo $? >status &&
	expect_status 2 && grep "format must be text, json or html" err
'

test_expect_success 'a broken article is said and the others are measured' '
	make_corpus "fr en" &&
	{ art fr a && echo "Une phrase."; } >a.md &&
	printf -- "---\nid: [b\n---\nTexte.\n" >b.md &&
	printf "\377\376 bad\n" >c.md &&
	folio readability --format json >actual 2>err; echo $? >status &&
	expect_status 0 &&
	grep "\"file\":\"a.md\"" actual && ! grep "\"file\":\"b.md\"" actual &&
	grep "^b.md:3:1: error: .*\[yaml-syntax\]" err && grep "^c.md:1:1: error: .*\[encoding\]" err
'

test_expect_success '-o writes the HTML page: a bar per article, valid HTML' '
	make_corpus "fr en" &&
	{ art fr a && echo "$easy_fr"; } >a.md &&
	{ art en b && echo "$hard_en <script>x</script>"; } >b.md &&
	folio readability --format html -o page.html >out; echo $? >status &&
	expect_status 0 && test_cmp /dev/null out &&
	test "$(grep -c "class=\"bar\"" page.html)" = 2 &&
	grep "name=\"viewport\"" page.html && ! grep "<script>" page.html &&
	vnu="$SRC/node_modules/vnu-jar/build/dist/vnu.jar" &&
	if [ -f "$vnu" ] && command -v java >/dev/null; then
		java -jar "$vnu" --errors-only page.html
	fi
'

test_expect_success 'an unwritable -o is a system error' '
	make_corpus "fr en" &&
	folio readability -o no/such/dir/page.txt >out 2>err; echo $? >status &&
	expect_status 3 && grep "cannot write" err
'

test_done
