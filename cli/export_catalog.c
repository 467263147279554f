/*
 * export_catalog.c - the checks a string catalog passes before export
 * prints a page with it (export_catalog.h).
 */
#include "export_catalog.h"
#include "corpus.h"
#include "diag.h"
#include "schema.h"
#include "yaml_tree.h"

#include <string.h>

/* What a page says when neither its catalog nor the source's has a key. */
const struct catalog_key export_builtin_strings[EXPORT_NSTRINGS] = {
	{ "updated_on", "Updated: {date}" },
	{ "also_available_in", "Also available in {languages}" },
	{ "further_reading", "Further reading" },
	{ "acknowledgements", "Acknowledgements" },
	{ "thanks", "Thanks to {name}, {role} ({affiliation}), for reviewing this article." },
	{ "stale_notice", "This translation may not reflect the latest update of the original text." },
	{ "list_pair", "{first} and {last}" },
	{ "list_sep", ", " },
	{ "index_title", "Articles" },
	{ "original_link", "Read the original version" },
	{ "contents", "Contents" },
	{ "links", "Links" },
	{ "reviewed_by", "Reviewed by" },
	{ "translated_by", "Translated by {names}" },
};

/* Length of the {name} placeholder at s[0..n), or 0. */
static size_t placeholder_at(const char *s, size_t n)
{
	size_t j = 1;

	if (!n || s[0] != '{')
		return 0;
	while (j < n && (s[j] == '_' || s[j] == '-' ||
	       (s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
	       (s[j] >= '0' && s[j] <= '9')))
		j++;
	return j < n && s[j] == '}' && j > 1 ? j + 1 : 0;
}

/* Whether the placeholder p[0..n) occurs in the built-in text. */
static int known(const char *builtin, const char *p, size_t n)
{
	const char *s = builtin;

	while ((s = strchr(s, '{')) != NULL) {
		if (placeholder_at(s, strlen(s)) == n && !memcmp(s, p, n))
			return 1;
		s++;
	}
	return 0;
}

/* The placeholders of builtin as "{a}, {b}", for a message. */
static void list_known(const char *builtin, char *out, size_t size)
{
	const char *s = builtin;
	size_t used = 0;

	out[0] = '\0';
	while ((s = strchr(s, '{')) != NULL && used + 1 < size) {
		size_t k = placeholder_at(s, strlen(s));

		if (k) {
			int w = snprintf(out + used, size - used, "%s%.*s",
					 used ? ", " : "", (int)k, s);

			if (w < 0 || (size_t)w >= size - used)
				break;
			used += (size_t)w;
			s += k;
		} else {
			s++;
		}
	}
}

static int check_placeholders(const struct catalog *cat,
			      const struct catalog_key *k,
			      const struct ynode *v, struct diag_list *d)
{
	size_t i, p;
	int bad = 0;

	for (i = 0; i < v->len; i++) {
		char have[128];

		p = placeholder_at(v->str + i, v->len - i);
		if (!p)
			continue;
		if (!known(k->value, v->str + i, p)) {
			list_known(k->value, have, sizeof(have));
			diag(d, R_STRINGS_PLACEHOLDERS, cat->path, v->line,
			     v->col, NULL, "unknown placeholder '%.*s' in '%s': "
			     "it would be printed as it is (%s%s)", (int)p,
			     v->str + i, k->key, have[0] ? "it takes " :
			     "it takes none", have);
			bad = 1;
		}
		i += p - 1;
	}
	return bad ? -1 : 0;
}

int export_catalog_check(const struct corpus *c, const struct catalog *cat,
			 const struct catalog_key *keys, size_t n,
			 struct diag_list *d)
{
	const struct ynode *root = cat->doc.root;
	size_t i;
	int ret = 0;

	if (!cat->exists)
		return 0;
	if (c->strings_schema &&
	    schema_validate(c->strings_schema, root, cat->path, d) > 0)
		ret = -1;
	for (i = 0; root && i < n; i++) {
		const struct ynode *v = ymap_get(root, keys[i].key);

		if (v && v->type == Y_STRING &&
		    check_placeholders(cat, &keys[i], v, d) < 0)
			ret = -1;
	}
	return ret;
}
