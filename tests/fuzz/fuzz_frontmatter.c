/*
 * fuzz_frontmatter.c - the whole per-file path of `folio validate` on
 * arbitrary file contents: article_load() (size limit, BOM, UTF-8 check,
 * the frontmatter split, the YAML tree), the built-in article schema,
 * article_meta_fill(), article_keep_of(), the body checks and
 * article_meta_pack(), as corpus.c runs them.  Then
 * article_read() must find the same body, and utf8_check() (which skips
 * ASCII eight bytes at a time) must agree with a plain byte-by-byte check.
 *
 * article.h reads only from a path, so each input is written to an
 * in-memory file (memfd) and loaded through /proc/self/fd/N: the real
 * article_load(), not a copy of its logic.
 */
#define _GNU_SOURCE
#include "fuzz.h"

#include "article.h"
#include "diag.h"
#include "embed.h"
#include "markdown.h"
#include "schema.h"

#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

static struct schema *article_schema;

static void load_schema(void)
{
	struct diag_list d = DIAG_LIST_INIT;
	const char *text;
	size_t len;

	text = embed_find("schemas/article.schema.yaml", &len);
	if (!text)
		abort();
	article_schema = schema_load_mem("schemas/article.schema.yaml", text,
					 len, &d);
	if (!article_schema)
		abort();
	diag_list_release(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct article_meta meta;
	struct article_store *st = article_store_new();
	struct article a;
	char path[64];
	int fd, kept = -1;

	if (!article_schema)
		load_schema();
	fd = memfd_create("fuzz.md", MFD_CLOEXEC);
	if (fd < 0) {
		perror("memfd_create");
		abort();
	}
	if (size && write(fd, data, size) != (ssize_t)size)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);

	memset(&meta, 0, sizeof(meta));
	article_init(&a, "fuzz/fr.md");
	/* half the inputs as export's index reads them, leaving it open */
	if ((size & 2 ? article_load_keep(&a, path, &kept, &diags) :
		       article_load(&a, path, &diags)) == 0) {
		if (!a.fm.root || a.fm.root->type != Y_MAP)
			abort();
		schema_validate(article_schema, a.fm.root, a.path, &diags);
		article_meta_fill(&meta, &a, st);
		meta.keep = article_keep_of(st, a.fm.root);
	}
	if (a.body) {
		struct md_src src;
		struct md_check *chk;

		if (a.body < a.text.buf || a.body + a.body_len !=
		    a.text.buf + a.text.len)
			abort();
		md_src_init(&src, a.body, a.body_len, a.body_line);
		chk = md_check_new(&src, a.path, &meta, &diags);
		md_check_run(chk);
		md_check_free(chk);
		md_src_release(&src);
		article_meta_pack(&meta, st);
	}
	/* article_read() splits the same way, without the YAML */
	{
		struct article b;
		struct diag_list d2 = DIAG_LIST_INIT;

		/* and trusting the UTF-8 check of the same file, alike */
		article_init(&b, "fuzz/fr.md");
		/* through the file left open, which it closes, or the path */
		if (article_read(&b, path, (size & 1) ? article_file_key(&a.id) : 0, kept,
				 &d2) == 0 &&
		    (!a.body || b.body_len != a.body_len ||
		     b.body_line != a.body_line ||
		     memcmp(b.body, a.body, a.body_len))) {
			fprintf(stderr, "fuzz: article_read and article_load "
				"disagree on the body\n");
			abort();
		}
		article_release(&b);
		diag_list_release(&d2);
	}
	/* the fast UTF-8 check against a plain one */
	{
		struct diag_list d3 = DIAG_LIST_INIT;
		int fast = utf8_check((const char *)data, size, 1, "x", &d3) == 0;
		int slow = fuzz_utf8_valid((const char *)data, size) &&
			   !memchr(data, 0, size);

		if (fast != slow) {
			fprintf(stderr, "fuzz: utf8_check says %d, a plain "
				"check %d\n", fast, slow);
			abort();
		}
		diag_list_release(&d3);
	}
	article_release(&a);
	article_meta_release(&meta);
	article_store_free(st);
	close(fd);
	fuzz_check_diags(&diags);
	return 0;
}
