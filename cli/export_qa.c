/*
 * export_qa.c - translation QA before any page is written (SPEC 8, 13).
 *
 * An article with validation errors is not exported, and a translation
 * whose numbers, units or phone numbers differ from its original's has
 * such errors: a page must never tell a patient 50 mg where the original
 * says 500 mg.  The pass is validate's own (qa_run()), with the same
 * glossary, `rules:` levels and ignore directives, so export refuses
 * exactly the translations validate fails; it runs after the index of
 * the frontmatter and before any page is written, and only when a
 * selected article is a translation.
 */
#include "export_int.h"
#include "glossary.h"
#include "qa.h"

void export_qa(struct export *x, struct diag_list *all)
{
	struct corpus *c = &x->c;
	struct diag_list qd = DIAG_LIST_INIT, quiet = DIAG_LIST_INIT;
	struct glossary *g;
	size_t i;

	for (i = 0; i < c->n; i++)
		if (c->selected[i] && c->articles[i].translated)
			break;
	if (i == c->n)
		return;
	/* an unusable glossary entry is validate's to report */
	g = glossary_load(c, &quiet);
	memcpy(qd.ignored, c->cfg.ignore, sizeof(qd.ignored));
	qa_run(c, g, 0, NULL, &qd);
	glossary_free(g);
	diag_list_release(&quiet);
	for (i = 0; i < qd.n; i++) {
		long k;

		if (qd.v[i].severity != SEV_ERROR || !qd.v[i].file)
			continue;
		k = export_article_by_path(c, qd.v[i].file);
		if (k >= 0)
			c->articles[k].errors++;
	}
	diag_list_append(all, &qd);
}
