// SPDX-License-Identifier: GPL-2.0
/*
 * The facts TSV reader, sort and both printers.  What parses prints as
 * TSV that parses again to the same TSV: the printer and the parser
 * speak one language.
 */
#include "facts.h"
#include "fuzz.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct facts f = { 0 }, again = { 0 };
	struct strbuf tsv = STRBUF_INIT, tsv2 = STRBUF_INIT, json = STRBUF_INIT;
	char *buf = fuzz_copy(data, size);

	if (!facts_parse_buf(&f, buf, size, "fuzz")) {
		facts_sort(&f);
		facts_print_tsv(&f, &tsv);
		facts_print_json(&f, &json);
		if (facts_parse_buf(&again, tsv.buf, tsv.len, "printed"))
			abort();
		facts_sort(&again);
		facts_print_tsv(&again, &tsv2);
		if (tsv.len != tsv2.len || (tsv.len && memcmp(tsv.buf, tsv2.buf, tsv.len)))
			abort();
	}
	facts_release(&f);
	facts_release(&again);
	strbuf_release(&tsv);
	strbuf_release(&tsv2);
	strbuf_release(&json);
	free(buf);
	return 0;
}
