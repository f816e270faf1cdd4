// SPDX-License-Identifier: GPL-2.0
/*
 * The callees worth a lock analysis (reaching_names()), on any file text,
 * the same bytes also read as the macros file: both are what is on disk,
 * a tree's files and the initializer macros learned from them.
 */
#include "facts_reach.h"
#include "fuzz.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* exactly the bytes, no NUL after them: ASan sees a read past the end */
	struct strbuf text = { .buf = fuzz_copy(data, size), .len = size };
	struct strbuf macros = STRBUF_INIT, out = STRBUF_INIT;
	struct opt_list fields = { 0 };

	/* the macros file is a C string: what a read file gives, NULs cut it */
	strbuf_add(&macros, data, size);
	opt_list_append(&fields, "flag");
	opt_list_append(&fields, "a");
	reaching_names(&text, 1, &fields, macros.buf ? macros.buf : "", &out);
	free(text.buf);
	strbuf_release(&macros);
	strbuf_release(&out);
	free(fields.v);
	return 0;
}
