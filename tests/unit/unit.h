/* SPDX-License-Identifier: GPL-2.0 */
#ifndef BITSPLIT_UNIT_H
#define BITSPLIT_UNIT_H

/*
 * Unit tests print one "ok"/"not ok" line per check and a closing
 * "# passed N failed M" line that tests/run-tests.sh adds up.
 */
#include <stdio.h>
#include <string.h>

static int unit_passed, unit_failed;

#define CHECK(cond, desc)                                                   \
	do {                                                                \
		if (cond) {                                                 \
			unit_passed++;                                      \
			printf("ok - %s\n", desc);                          \
		} else {                                                    \
			unit_failed++;                                      \
			printf("not ok - %s (%s:%d: %s)\n", desc, __FILE__, \
			       __LINE__, #cond);                            \
		}                                                           \
	} while (0)

#define CHECK_INT(got, want, desc)                                          \
	do {                                                                \
		long long g_ = (long long)(got), w_ = (long long)(want);    \
		if (g_ == w_) {                                             \
			unit_passed++;                                      \
			printf("ok - %s\n", desc);                          \
		} else {                                                    \
			unit_failed++;                                      \
			printf("not ok - %s: got %lld, want %lld (%s:%d)\n", \
			       desc, g_, w_, __FILE__, __LINE__);           \
		}                                                           \
	} while (0)

#define CHECK_STR(got, want, desc)                                          \
	do {                                                                \
		const char *g_ = (got), *w_ = (want);                       \
		if (g_ && w_ && !strcmp(g_, w_)) {                          \
			unit_passed++;                                      \
			printf("ok - %s\n", desc);                          \
		} else {                                                    \
			unit_failed++;                                      \
			printf("not ok - %s: got '%s', want '%s' (%s:%d)\n", \
			       desc, g_ ? g_ : "(null)", w_ ? w_ : "(null)", \
			       __FILE__, __LINE__);                         \
		}                                                           \
	} while (0)

static inline int unit_done(void)
{
	printf("# passed %d failed %d\n", unit_passed, unit_failed);
	return unit_failed ? 1 : 0;
}

#endif
