/*
 * article_unit.c - unit tests of what the index keeps of an article: the
 * record filled from a frontmatter, the article_store that the records of
 * a corpus share (strings stored once, one article_keep for articles that
 * credit the same people and sources), what the body checks gathered
 * moved into it, and the key of a file's identity.
 */
#include "article.h"
#include "buf.h"
#include "diag.h"
#include "test.h"

#include <stdlib.h>

/* Load text as the file "t.md" and fill m from it in st. */
static int fill(struct article_store *st, const char *text,
		struct article_meta *m, const struct article_keep **keep)
{
	struct article a;
	struct diag_list d = DIAG_LIST_INIT;
	int rc;

	memset(m, 0, sizeof(*m));
	article_init(&a, "t.md");
	rc = article_load_mem(&a, text, strlen(text), &d);
	if (rc == 0) {
		article_meta_fill(m, &a, st);
		*keep = article_keep_of(st, a.fm.root);
	}
	article_release(&a);
	diag_list_release(&d);
	return rc;
}

static const char fr[] =
	"---\n"
	"id: chimio\n"
	"lang: fr\n"
	"title: \"La chimiothérapie\"\n"
	"summary: \"Ce qu'il faut savoir.\"\n"
	"section: traitements\n"
	"updated: 2024-05\n"
	"reviewers:\n"
	"  - name: \"Dr Sophie Martin\"\n"
	"    role: \"oncologue\"\n"
	"    affiliation: \"Institut\"\n"
	"related: [radio, immuno]\n"
	"---\n"
	"Texte.\n";

static const char de[] =
	"---\n"
	"id: chimio\n"
	"lang: de\n"
	"title: \"Chemotherapie\"\n"
	"section: traitements\n"
	"updated: 2024-06\n"
	"translated_from: {lang: fr, updated: 2024-05}\n"
	"translators: [\"Anna Beispiel\"]\n"
	"reviewers:\n"
	"  - name: \"Dr Sophie Martin\"\n"
	"    role: \"oncologue\"\n"
	"    affiliation: \"Institut\"\n"
	"related: [radio]\n"
	"---\n"
	"Text.\n";

/* the same credits as de, another article */
static const char de2[] =
	"---\n"
	"id: radio\n"
	"lang: de\n"
	"title: \"Strahlentherapie\"\n"
	"translated_from: {lang: fr, updated: 2024-05}\n"
	"translators: [\"Anna Beispiel\"]\n"
	"reviewers:\n"
	"  - name: \"Dr Sophie Martin\"\n"
	"    role: \"oncologue\"\n"
	"    affiliation: \"Institut\"\n"
	"---\n"
	"Text.\n";

/* one translator more than de2 */
static const char de3[] =
	"---\n"
	"id: immuno\n"
	"lang: de\n"
	"title: \"Immuntherapie\"\n"
	"translated_from: {lang: fr, updated: 2024-05}\n"
	"translators: [\"Anna Beispiel\", \"Jan Peeters\"]\n"
	"reviewers:\n"
	"  - name: \"Dr Sophie Martin\"\n"
	"    role: \"oncologue\"\n"
	"    affiliation: \"Institut\"\n"
	"sources:\n"
	"  - title: \"Leitlinie\"\n"
	"    url: https://example.org/l\n"
	"---\n"
	"Text.\n";

static void test_store(void)
{
	struct article_store *st = article_store_new();
	struct article_meta m1, m2, m3, m4;
	const struct article_keep *k1 = NULL, *k2 = NULL, *k3 = NULL, *k4 = NULL;

	CHECK(fill(st, fr, &m1, &k1) == 0 && fill(st, de, &m2, &k2) == 0 &&
	      fill(st, de2, &m3, &k3) == 0 && fill(st, de3, &m4, &k4) == 0,
	      "the four files load");
	CHECK_STR(m1.id, "chimio", "id");
	CHECK_STR(m1.lang, "fr", "lang");
	CHECK_STR(m1.title, "La chimiothérapie", "title");
	CHECK_STR(m1.summary, "Ce qu'il faut savoir.", "summary");
	CHECK_STR(m1.section, "traitements", "section");
	CHECK(m2.summary == NULL && m2.slug == NULL, "absent fields are NULL");
	CHECK(m1.nrelated == 2 && m2.nrelated == 1, "related ids");
	CHECK_STR(m1.related[0].id, "radio", "first related id");
	CHECK_STR(m1.related[1].id, "immuno", "second related id");
	CHECK(m1.related[1].pos.line == 12, "a related id keeps its line");
	CHECK(m2.translated && !m1.translated, "translated_from");
	CHECK_STR(m2.tf_lang, "fr", "translated_from.lang");
	/* what many articles name is stored once */
	CHECK(m1.id == m2.id, "an id named twice is stored once");
	CHECK(m1.section == m2.section, "a section named twice is stored once");
	CHECK(m1.related[0].id == m3.id, "a related id is the id stored");
	CHECK(m2.tf_lang == m1.lang, "tf_lang is the language stored");

	/* credits: the same ones, one keep */
	CHECK(k1 && k1->nreviewers == 1 && k1->ntranslators == 0 &&
	      k1->nsources == 0, "the original's credits");
	CHECK_STR(k1->reviewers[0].name, "Dr Sophie Martin", "reviewer's name");
	CHECK_STR(k1->reviewers[0].role, "oncologue", "reviewer's role");
	CHECK_STR(k1->reviewers[0].affiliation, "Institut", "reviewer's affiliation");
	CHECK(k2 && k2->ntranslators == 1, "a translation's translator");
	CHECK_STR(k2->translators[0], "Anna Beispiel", "translator's name");
	CHECK(k1 != k2, "different credits, different keeps");
	CHECK(k2 == k3, "the same credits, one keep");
	CHECK(k4 != k3 && k4->ntranslators == 2 && k4->nsources == 1,
	      "one more translator and a source: a keep of its own");
	CHECK_STR(k4->translators[1], "Jan Peeters", "second translator");
	CHECK_STR(k4->sources[0].title, "Leitlinie", "source title");
	CHECK_STR(k4->sources[0].url, "https://example.org/l", "source url");
	CHECK(k4->reviewers[0].name == k1->reviewers[0].name,
	      "a name credited twice is stored once");
	CHECK(k4->translators[0] == k2->translators[0],
	      "a translator credited twice is stored once");

	article_meta_release(&m1);
	article_meta_release(&m2);
	article_meta_release(&m3);
	article_meta_release(&m4);
	article_store_free(st);
}

static void test_file_key(void)
{
	struct file_id a = { 2049, 1234, 5000, 1700000000, 5, 1700000001, 7 };
	struct file_id b = a, z;
	uint64_t ka = article_file_key(&a);

	memset(&z, 0, sizeof(z));
	CHECK(article_file_key(&z) == 0, "no identity: key 0");
	CHECK(ka != 0 && ka == article_file_key(&b), "the same identity, the same key");
	b.ctime_ns++;
	CHECK(article_file_key(&b) != ka, "a change time moved: another key");
	b = a;
	b.size++;
	CHECK(article_file_key(&b) != ka, "a size changed: another key");
	b = a;
	b.ino++;
	CHECK(article_file_key(&b) != ka, "another inode: another key");
}

static void test_pack(void)
{
	struct article_store *st = article_store_new();
	struct article_meta m1, m2;
	const struct article_keep *k = NULL;
	char *id;

	CHECK(fill(st, fr, &m1, &k) == 0, "loads");
	memset(&m2, 0, sizeof(m2));
	/* as the body checks leave them: blocks of their own */
	m1.headings = malloc(2 * sizeof(*m1.headings));
	m1.headings[0] = strdup("Les effets");
	m1.headings[1] = strdup("Le suivi");
	m1.nheadings = 2;
	m1.links = calloc(2, sizeof(*m1.links));
	m1.links[0].id = strdup("radio");
	m1.links[0].pos.line = 20;
	m1.links[1].id = strdup("chimio");
	m1.links[1].frag = strdup("effets");
	m1.nlinks = 2;
	m1.ids = calloc(3, sizeof(*m1.ids));
	m1.ids[0] = 11;
	m1.ids[1] = 22;
	m1.nids = 2;
	m1.ids_known = 1;
	article_meta_pack(&m1, st);
	CHECK(m1.packed, "packed");
	CHECK(m1.nheadings == 2 && m1.nlinks == 2 && m1.nids == 2, "counts kept");
	CHECK_STR(m1.headings[0], "Les effets", "first heading");
	CHECK_STR(m1.headings[1], "Le suivi", "second heading");
	CHECK_STR(m1.links[0].id, "radio", "first link");
	CHECK(m1.links[0].pos.line == 20 && !m1.links[0].frag, "its line, no fragment");
	CHECK_STR(m1.links[1].id, "chimio", "second link");
	CHECK_STR(m1.links[1].frag, "effets", "its fragment");
	CHECK(m1.links[1].id == m1.id, "a linked id is the id stored");
	CHECK(m1.ids[0] == 11 && m1.ids[1] == 22 && m1.ids[2] == 0, "heading ids");
	article_meta_pack(&m1, st);	/* twice: nothing moves */
	CHECK_STR(m1.headings[1], "Le suivi", "packed once");
	/* nothing gathered: nothing kept */
	article_meta_pack(&m2, st);
	CHECK(m2.packed && !m2.headings && !m2.links && !m2.ids, "an empty record");
	id = m1.id;
	article_meta_release(&m1);	/* frees none of the store's */
	article_meta_release(&m2);
	CHECK(id != NULL, "released");
	article_store_free(st);
}

int main(void)
{
	test_store();
	test_pack();
	test_file_key();
	return test_done("article_unit");
}
