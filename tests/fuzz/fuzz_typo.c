/*
 * fuzz_typo.c - typo_text() over runs of arbitrary text, for every
 * language and flag.  The first byte picks the language and flags; the
 * rest is cut into runs at the bytes 0x01 (text run follows), 0x02
 * (verbatim run follows: code, a URL) and 0x03 (a new block starts), as
 * a renderer hands them over.
 *
 * Asserts: runs of valid UTF-8 give valid UTF-8; output grows at most a
 * few bytes per input byte; a language with no rules copies text as is.
 * The text runs, joined, also go through export_sort_key() (the key of
 * index order, collate.h): spaces only between words, and the key of a
 * key is itself.
 */
#include "fuzz.h"

#include "buf.h"
#include "export.h"
#include "typo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/*
 * export_sort_key() as collate.h describes it: text utf8proc cannot read
 * is its own key; any other key has no space at either end nor two in a
 * row, and is its own key again (folding what is folded changes nothing).
 */
static void sort_key_check(const char *s)
{
	utf8proc_uint8_t *ref = NULL;
	char *key = export_sort_key(s, NULL), *again;
	size_t n = strlen(key);

	if (utf8proc_map((const utf8proc_uint8_t *)s, -1, &ref,
			 UTF8PROC_NULLTERM | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
			 UTF8PROC_STRIPMARK | UTF8PROC_COMPAT) < 0) {
		if (strcmp(key, s)) {
			fprintf(stderr, "fuzz: sort key '%s' of unreadable '%s'\n",
				key, s);
			abort();
		}
		free(key);
		return;
	}
	again = export_sort_key(key, NULL);
	if ((n && (key[0] == ' ' || key[n - 1] == ' ')) || strstr(key, "  ") ||
	    strcmp(again, key)) {
		fprintf(stderr, "fuzz: sort key '%s' of '%s' (its own key: '%s')\n",
			key, s, again);
		abort();
	}
	free(again);
	free(key);
	free(ref);
}

static const char *const langs[] = {
	"fr", "en", "de", "nl", "tr", "ar", "", "fr-CA", "zxx", "it",
	"DE", "nl-BE", "ar-EG", NULL, "tr-TR", "en-US",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out = BUF_INIT, plain = BUF_INIT;
	struct typo t;
	const char *lang;
	size_t i = 1, start, in_text = 0;
	int all_valid = 1, mode = 1;
	unsigned cfg;

	if (!size)
		return 0;
	cfg = data[0];
	lang = langs[cfg & 15];
	typo_init(&t, lang, (cfg >> 4) & 3);
	while (i <= size) {
		start = i;
		while (i < size && data[i] > 3)
			i++;
		if (i > start || mode != 1) {
			const char *s = (const char *)data + start;
			size_t n = i - start;

			if (!fuzz_utf8_valid(s, n))
				all_valid = 0;
			if (mode == 2) {
				typo_verbatim(&t, s, n);
			} else {
				if (mode == 3)
					typo_block(&t);
				typo_text(&t, &out, s, n);
				buf_add(&plain, s, n);
				in_text += n;
			}
		}
		if (i < size)
			mode = data[i];
		i++;
	}
	if (all_valid && !fuzz_utf8_valid(out.buf, out.len)) {
		fprintf(stderr, "fuzz: typo made invalid UTF-8 from valid\n");
		abort();
	}
	/* a space becomes at most a 3-byte no-break space, a quote at most
	 * 3 bytes, plus one inserted space: 3 + 3 per input byte */
	if (out.len > 6 * in_text + 8) {
		fprintf(stderr, "fuzz: typo output %zu bytes for %zu in\n",
			out.len, in_text);
		abort();
	}
	if (!typo_needed(lang) &&
	    (out.len != plain.len || memcmp(out.buf, plain.buf, out.len))) {
		fprintf(stderr, "fuzz: no rules for '%s' but text changed\n",
			lang ? lang : "(null)");
		abort();
	}
	buf_addc(&plain, '\0');
	sort_key_check(plain.buf);
	for (i = 1; i + 3 < size; i += 4) {
		unsigned cp = (unsigned)data[i] << 16 | (unsigned)data[i + 1] << 8 |
			      data[i + 2];

		(void)typo_no_break_before(cp);
		(void)typo_no_break_after(cp);
	}
	buf_release(&out);
	buf_release(&plain);
	return 0;
}
