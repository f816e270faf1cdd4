// SPDX-License-Identifier: GPL-2.0
/*
 * The dispatch search's reading of a tree's .c files and the headers they
 * include (facts_dispatch.c): ops initializers, "M->FIELD(" calls, struct
 * bodies and pointer declarations, scanned backwards as well as forwards.
 * The bytes up to the first NUL are the file, the rest its headers.
 */
#include "facts_files.h"
#include "fuzz.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t n = nul ? (size_t)(nul - data) : size;
	char *text = xstrndup((const char *)data, n);
	char *decls = nul ? xstrndup((const char *)nul + 1, size - n - 1) : xstrdup("");

	dispatch_calls_in_text(text, decls);
	free(text);
	free(decls);
	return 0;
}
