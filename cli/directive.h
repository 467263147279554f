/*
 * directive.h - the folio: comments of a body (SPEC 13): `<!-- folio:
 * ignore RULE, ... -->` before a block silences those rules for it.
 * Checked here, so that a misspelt verb or rule, which silences nothing,
 * is said (rule directive); blocks.c reads the ignore lists.
 */
#ifndef FOLIO_DIRECTIVE_H
#define FOLIO_DIRECTIVE_H

struct diag_list;
struct md_src;

/*
 * Each folio: comment of the HTML block text [s, e) of src (a body of
 * file): a warning to d, at the comment, for a verb other than ignore
 * and for each name that is no rule of validate (nor style:ID).
 */
void directives_check(const struct md_src *src, const char *file,
		      const char *s, const char *e, struct diag_list *d);

#endif
