#include "embed.h"
#include "embedded.h"

#include <string.h>

const char *embed_find(const char *name, size_t *len)
{
	const struct embedded_file *f;

	for (f = embedded_files; f->name; f++) {
		if (strcmp(f->name, name) == 0) {
			if (len)
				*len = f->len;
			return f->data;
		}
	}
	return NULL;
}
