// SPDX-License-Identifier: GPL-2.0
/* The check of a lock or root vocabulary (--data, semantic-patches/locks-*). */
#include "facts.h"
#include "fuzz.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = fuzz_copy(data, size);

	facts_check_vocabulary_buf(buf, size, "fuzz");
	free(buf);
	return 0;
}
