/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_FUZZ_H
#define BITSPLIT_FUZZ_H

/*
 * libFuzzer targets: any bytes through one reader.  Bad input must end in
 * an error, never in a crash, a leak or undefined behaviour.  Each target
 * gets the bytes in a buffer of exactly their size, with no NUL after
 * them, so ASan sees a read past the end.  Run by "make fuzz"
 * (scripts/fuzz.sh).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline char *fuzz_copy(const uint8_t *data, size_t size)
{
	char *p = malloc(size ? size : 1);

	if (p && size)
		memcpy(p, data, size);
	return p;
}

#endif
