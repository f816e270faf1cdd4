// SPDX-License-Identifier: GPL-2.0
#include "datadir.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

const char *bitsplit_datadir(void)
{
	static char *dir;
	char exe[PATH_MAX];
	ssize_t n;

	if (dir)
		return dir;
	if (getenv("BITSPLIT_DATADIR") && *getenv("BITSPLIT_DATADIR"))
		return dir = xstrdup(getenv("BITSPLIT_DATADIR"));
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		char *slash, *cand;

		exe[n] = '\0';
		/* ./bitsplit and build/san/bitsplit both sit in the source tree */
		for (int up = 0; up < 3 && (slash = strrchr(exe, '/')); up++) {
			*slash = '\0';
			cand = xstrfmt("%s/semantic-patches/facts.cocci", exe);
			if (!access(cand, R_OK)) {
				free(cand);
				return dir = xstrfmt("%s/semantic-patches", exe);
			}
			free(cand);
		}
	}
	return dir = xstrdup(BITSPLIT_DATADIR);
}

char *datadir_path(const char *name)
{
	return xstrfmt("%s/%s", bitsplit_datadir(), name);
}
