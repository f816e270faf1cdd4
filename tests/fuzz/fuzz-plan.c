// SPDX-License-Identifier: GPL-2.0
/* The .plan reader "bitsplit verify" uses. */
#include "fuzz.h"
#include "plan.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct plan_file pf = { 0 };
	char *buf = fuzz_copy(data, size);

	plan_read(&pf, buf, size, "fuzz");
	plan_file_release(&pf);
	free(buf);
	return 0;
}
