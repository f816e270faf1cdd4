// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: any bytes through the pahole parser, the model and
 * both printers.  Bad input must end in an error, never in a crash, a
 * leak or undefined behaviour.  Run by "make fuzz" (scripts/fuzz.sh).
 */
#include <stddef.h>
#include <stdint.h>

#include "layout.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bs_layout l = { 0 };
	struct strbuf out = STRBUF_INIT;

	if (!layout_parse_text(&l, (const char *)data, size, "fuzz")) {
		for (int i = 0; i < l.nr_structs; i++)
			layout_location_of(&l.structs[i], 0);
		layout_print_text(&out, &l);
		layout_print_json(&out, &l);
	}
	layout_release(&l);
	strbuf_release(&out);
	return 0;
}
