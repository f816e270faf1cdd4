// SPDX-License-Identifier: GPL-2.0
/* The pahole parser, the model and both printers. */
#include "fuzz.h"
#include "layout.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bs_layout l = { 0 };
	struct strbuf out = STRBUF_INIT;
	char *buf = fuzz_copy(data, size);

	if (!layout_parse_text(&l, buf, size, "fuzz")) {
		for (int i = 0; i < l.nr_structs; i++)
			layout_location_of(&l.structs[i], 0);
		layout_print_text(&out, &l);
		layout_print_json(&out, &l);
	}
	layout_release(&l);
	strbuf_release(&out);
	free(buf);
	return 0;
}
