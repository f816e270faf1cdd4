// SPDX-License-Identifier: GPL-2.0
/* The sweep results reader (cache entries, results-I-of-N.tsv), the summary, the printer. */
#include "fuzz.h"
#include "sweep.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sweep_results r = { 0 };
	struct strbuf out = STRBUF_INIT;
	char *buf = fuzz_copy(data, size);

	if (!sweep_results_parse(&r, buf, size, "fuzz")) {
		sweep_results_print(&r, 1, &out);
		sweep_summary(&r, &out);
	}
	sweep_results_release(&r);
	strbuf_release(&out);
	free(buf);
	return 0;
}
