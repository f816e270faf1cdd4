// SPDX-License-Identifier: GPL-2.0
/* The compile_commands.json reader, with its shell-like command splitter. */
#include "compile_db.h"
#include "fuzz.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct compile_db db = { 0 };
	char *buf = fuzz_copy(data, size);

	compile_db_parse(&db, buf, size, "fuzz");
	compile_db_release(&db);
	free(buf);
	return 0;
}
